using System.Net.Http.Headers;

namespace OktaServiceApp.Core.Http;

/// <summary>Authorization: SSWS {token}. The token is kept only here and only put on the wire.</summary>
public sealed class SswsCredentials : IOktaCredentials
{
    private readonly string _apiToken;

    public SswsCredentials(string apiToken)
    {
        if (apiToken is null)
        {
            throw new ArgumentNullException(nameof(apiToken), "The API token is missing.");
        }

        var trimmed = apiToken.Trim();
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("The API token is empty.", nameof(apiToken));
        }

        if (trimmed.StartsWith("SSWS ", StringComparison.OrdinalIgnoreCase) ||
            trimmed.Equals("SSWS", StringComparison.OrdinalIgnoreCase))
        {
            // People paste the whole header value; the scheme is added here.
            trimmed = trimmed.Substring(4).Trim();
        }

        foreach (var c in trimmed)
        {
            if (c <= ' ' || c > '~')
            {
                throw new ArgumentException(
                    "The API token contains white space or characters that are not printable ASCII; copy it again from the Admin Console.",
                    nameof(apiToken));
            }
        }

        if (trimmed.Length == 0)
        {
            throw new ArgumentException("The API token is empty.", nameof(apiToken));
        }

        _apiToken = trimmed;
    }

    public string Mode => "SSWS";

    public Connections.CredentialInfo Describe() => new(Mode);

    public Task ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("SSWS", _apiToken);
        return Task.CompletedTask;
    }

    public bool OnResponse(HttpResponseMessage response) => false;

    public override string ToString() => "SSWS API token";
}
