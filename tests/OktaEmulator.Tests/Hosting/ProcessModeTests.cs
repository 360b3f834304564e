using System.Diagnostics;

namespace OktaEmulator.Tests.Hosting;

/// <summary>`dotnet OktaEmulator.dll` prints one JSON line, serves, and exits when stdin closes.</summary>
public sealed class ProcessModeTests
{
    [Fact]
    public async Task Prints_one_json_line_serves_and_exits_on_stdin_close()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OktaEmulator.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--port", "0", "--api-token", "process-mode-token", "--seed", "1", "--exit-on-stdin-close" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var ready = JsonNode.Parse(line!)!.AsObject();
            Assert.Equal(["orgUrl", "apiToken"], ready.Select(p => p.Key));
            Assert.Equal("process-mode-token", ready["apiToken"]!.GetValue<string>());
            var orgUrl = ready["orgUrl"]!.GetValue<string>();
            Assert.Matches(@"^http://127\.0\.0\.1:\d+$", orgUrl);

            using var http = new HttpClient { BaseAddress = new Uri(orgUrl) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users");
            request.Headers.TryAddWithoutValidation("Authorization", "SSWS process-mode-token");
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
