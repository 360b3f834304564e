using System.Net;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Roles;
using Xunit;

namespace OktaServiceApp.Core.Tests.Http;

/// <summary>The rules of <see cref="IdempotentWrite"/>, through a role assignment against scripted answers.</summary>
[Collection(OktaClientTestCollection.Name)]
public sealed class IdempotentWriteTests
{
    private const string ServerError = "{\"errorCode\":\"E0000009\",\"errorSummary\":\"Internal Server Error\",\"errorCauses\":[]}";
    private const string Role = "{\"id\":\"irb1\",\"type\":\"APP_ADMIN\",\"status\":\"ACTIVE\"}";

    private static string Calls(StubHandler handler) => string.Join(" ", handler.Requests.Select(r => r.Method.Method));

    [Fact]
    public async Task An_unapplied_write_is_sent_again_after_the_look_and_one_back_off()
    {
        var handler = StubHandler.Sequence(
            () => Respond.Json(HttpStatusCode.InternalServerError, ServerError),
            () => Respond.Json(HttpStatusCode.OK, "[]"),
            () => Respond.Json(HttpStatusCode.Created, Role));
        var delays = new List<TimeSpan>();
        using var client = TestClients.Create(handler, delays: delays);

        var role = await new RoleClient(client).AssignAsync("0oa1", "APP_ADMIN", CancellationToken.None);

        Assert.Equal("irb1", role.Id);
        Assert.Equal("POST GET POST", Calls(handler));
        Assert.Single(delays);
    }

    [Fact]
    public async Task MaxRetries_bounds_the_tries_and_the_last_error_is_thrown()
    {
        var handler = new StubHandler((request, _) => request.Method == HttpMethod.Post
            ? Respond.Json(HttpStatusCode.ServiceUnavailable, ServerError)
            : Respond.Json(HttpStatusCode.OK, "[]"));
        var delays = new List<TimeSpan>();
        using var client = TestClients.Create(handler, o => o.MaxRetries = 2, delays: delays);

        var error = await Assert.ThrowsAsync<OktaApiException>(() =>
            new RoleClient(client).AssignAsync("0oa1", "APP_ADMIN", CancellationToken.None));

        Assert.Equal(OktaErrorKind.ServerError, error.Kind);
        Assert.Equal("POST GET POST GET POST GET", Calls(handler));
        Assert.Equal(2, delays.Count);
    }

    [Fact]
    public async Task A_duplicate_on_the_first_try_is_the_callers_error_without_a_look()
    {
        var handler = StubHandler.Sequence(() => Respond.Json(HttpStatusCode.Conflict,
            "{\"errorCode\":\"E0000090\",\"errorSummary\":\"Duplicate role assignment exception\",\"errorCauses\":[]}"));
        using var client = TestClients.Create(handler);

        var error = await Assert.ThrowsAsync<OktaApiException>(() =>
            new RoleClient(client).AssignAsync("0oa1", "APP_ADMIN", CancellationToken.None));

        Assert.Equal(OktaErrorKind.Conflict, error.Kind);
        Assert.Equal("POST", Calls(handler));
    }

    [Fact]
    public async Task A_duplicate_after_an_unknown_outcome_is_looked_behind()
    {
        var handler = StubHandler.Sequence(
            () => Respond.Json(HttpStatusCode.InternalServerError, ServerError),
            () => Respond.Json(HttpStatusCode.OK, "[]"),
            () => Respond.Json(HttpStatusCode.Conflict, "{\"errorCode\":\"E0000090\",\"errorSummary\":\"Duplicate\",\"errorCauses\":[]}"),
            () => Respond.Json(HttpStatusCode.OK, "[" + Role + "]"));
        using var client = TestClients.Create(handler);

        var role = await new RoleClient(client).AssignAsync("0oa1", "APP_ADMIN", CancellationToken.None);

        Assert.Equal("irb1", role.Id);
        Assert.Equal("POST GET POST GET", Calls(handler));
    }

    [Fact]
    public async Task A_failed_look_surfaces_the_writes_own_error()
    {
        var handler = new StubHandler((request, _) => request.Method == HttpMethod.Post
            ? Respond.Json(HttpStatusCode.InternalServerError, ServerError)
            : Respond.Json(HttpStatusCode.Forbidden, "{\"errorCode\":\"E0000006\",\"errorSummary\":\"Forbidden\",\"errorCauses\":[]}"));
        using var client = TestClients.Create(handler);

        var error = await Assert.ThrowsAsync<OktaApiException>(() =>
            new RoleClient(client).AssignAsync("0oa1", "APP_ADMIN", CancellationToken.None));

        Assert.Equal((OktaErrorKind.ServerError, "POST"), (error.Kind, error.Method));
        Assert.Equal("POST GET", Calls(handler));
    }
}
