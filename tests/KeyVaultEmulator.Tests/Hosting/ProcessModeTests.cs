using System.Diagnostics;

namespace KeyVaultEmulator.Tests.Hosting;

/// <summary>`dotnet KeyVaultEmulator.dll` prints one JSON line, serves, and exits when stdin closes.</summary>
public sealed class ProcessModeTests
{
    [Fact]
    public async Task Prints_one_json_line_serves_and_exits_on_stdin_close()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "KeyVaultEmulator.dll"), "--port", "0",
                     "--identity-header", "process-header", "--exit-on-stdin-close" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var ready = JsonNode.Parse(line!)!.AsObject();
            Assert.Equal(["vaultUrl", "identityEndpoint", "identityHeader", "imdsEndpoint"], ready.Select(p => p.Key));
            Assert.Equal("process-header", ready["identityHeader"]!.GetValue<string>());
            var vaultUrl = ready["vaultUrl"]!.GetValue<string>();
            Assert.Matches(@"^http://127\.0\.0\.1:\d+$", vaultUrl);

            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get,
                ready["identityEndpoint"]!.GetValue<string>() + "?resource=https://vault.azure.net&api-version=2019-08-01");
            request.Headers.Add("X-IDENTITY-HEADER", "process-header");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("", await process.StandardOutput.ReadToEndAsync());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
