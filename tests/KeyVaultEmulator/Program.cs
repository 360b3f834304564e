using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using KeyVaultEmulator;

// Process mode, for Pester and manual runs:
//   dotnet KeyVaultEmulator.dll [--port N] [--identity-header H] [--token-lifetime-seconds S] [--exit-on-stdin-close]
// Prints exactly one JSON line {"vaultUrl","identityEndpoint","identityHeader","imdsEndpoint"} to stdout, then serves until
// SIGINT/SIGTERM (or until stdin closes, with --exit-on-stdin-close, so a crashed parent cannot leave it running).
var options = new VaultEmulatorOptions();
var exitOnStdinClose = false;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--port":
            options.Port = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--identity-header":
            options.IdentityHeader = Next();
            break;
        case "--token-lifetime-seconds":
            options.TokenLifetime = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture));
            break;
        case "--exit-on-stdin-close":
            exitOnStdinClose = true;
            break;
        default:
            await Console.Error.WriteLineAsync($"keyvault-emulator: unknown argument '{args[i]}'. Usage: KeyVaultEmulator [--port N] " +
                "[--identity-header H] [--token-lifetime-seconds S] [--exit-on-stdin-close]");
            return 2;
    }
}

using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

await using var emulator = await VaultEmulator.StartAsync(options);
var ready = new JsonObject
{
    ["vaultUrl"] = emulator.VaultUrl,
    ["identityEndpoint"] = emulator.IdentityEndpoint,
    ["identityHeader"] = emulator.IdentityHeader,
    ["imdsEndpoint"] = emulator.ImdsEndpoint,
};
await Console.Out.WriteLineAsync(ready.ToJsonString());
await Console.Out.FlushAsync();

if (exitOnStdinClose)
{
    _ = Task.Run(async () =>
    {
        using var stdin = Console.OpenStandardInput();
        var buffer = new byte[256];
        while (await stdin.ReadAsync(buffer) > 0)
        {
        }

        await stop.CancelAsync();
    });
}

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
