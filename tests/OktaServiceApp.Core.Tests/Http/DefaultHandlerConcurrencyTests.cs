using System.Net;
using System.Net.Sockets;
using OktaServiceApp.Core.Http;
using Xunit;
using static OktaServiceApp.Core.Tests.Http.OktaClientTestRequests;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>
/// The default handler really sends MaxConcurrency requests at once. On .NET Framework (and under Mono) a process allows two
/// connections per host unless the client raises it, so this runs the real handler against a loopback HttpListener that
/// answers nothing until four requests are open at the same time.
/// </summary>
public sealed class DefaultHandlerConcurrencyTests
{
    [Fact]
    public async Task Default_handler_has_four_requests_in_flight_at_once()
    {
        const int inFlight = 4;
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var allOpen = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var open = 0;
        var server = Task.Run(async () =>
        {
            // The pacer sends a bucket's first request alone to learn its limits; answer it at once, without limit headers.
            Answer(await listener.GetContextAsync());
            var contexts = new List<HttpListenerContext>();
            for (var i = 0; i < inFlight; i++)
            {
                // Each accepted request stays unanswered, so a client with 2 connections never sends the third.
                contexts.Add(await listener.GetContextAsync());
                Interlocked.Increment(ref open);
            }

            allOpen.TrySetResult(true);
            contexts.ForEach(Answer);
        });

        var options = new OktaClientOptions(new Uri($"http://127.0.0.1:{port}")) { MaxConcurrency = inFlight };
        using var client = new OktaClient(options, new SswsCredentials("00testtoken"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Get("/api/v1/users/me"), deadline.Token)).StatusCode);
        var calls = Enumerable.Range(0, inFlight).Select(i => client.SendAsync(Get($"/api/v1/users/{i}"), deadline.Token)).ToList();

        var first = await Task.WhenAny(allOpen.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        listener.Stop();
        Assert.True(first == allOpen.Task, $"only {Volatile.Read(ref open)} of {inFlight} requests reached the server at once");
        await server;
        foreach (var call in calls)
        {
            Assert.Equal(HttpStatusCode.OK, (await call).StatusCode);
        }
    }

    private static void Answer(HttpListenerContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var body = System.Text.Encoding.UTF8.GetBytes("{}");
        context.Response.OutputStream.Write(body, 0, body.Length);
        context.Response.Close();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
