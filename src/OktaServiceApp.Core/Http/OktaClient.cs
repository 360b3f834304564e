namespace OktaServiceApp.Core.Http;

/// <summary>
/// The one HTTP client every cmdlet shares: auth, 429 handling with X-Rate-Limit-* pacing, fault retries with back-off,
/// timeouts, cancellation, Okta error parsing, and Link paging. One instance per connection.
/// </summary>
public sealed class OktaClient : IDisposable
{
    public OktaClient(OktaClientOptions options, IOktaCredentials credentials) => throw new NotImplementedException();

    public Uri OrgUrl => throw new NotImplementedException();
    public OktaClientOptions Options => throw new NotImplementedException();
    public IOktaCredentials Credentials => throw new NotImplementedException();

    /// <summary>Sends with retries; returns a 2xx response or throws OktaApiException. OperationCanceledException only
    /// when <paramref name="cancellationToken"/> is cancelled (a timeout is OktaApiException Timeout).</summary>
    public Task<OktaResponse> SendAsync(OktaRequest request, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>GETs a list and follows Link rel="next", calling <paramref name="onPage"/> for each page's items as they arrive.</summary>
    public Task GetPagesAsync(string pathAndQuery, Func<IReadOnlyList<System.Text.Json.JsonElement>, Task> onPage,
        CancellationToken cancellationToken) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
