using KeyVaultEmulator.Vault;
using OktaEmulator;
using OktaServiceApp.Core.Apps;
using OktaServiceApp.Core.Configuration;
using OktaServiceApp.Core.Grants;
using OktaServiceApp.Core.Http;
using OktaServiceApp.Core.Sharing;
using OktaServiceApp.Core.Tokens;
using Xunit;

namespace OktaServiceApp.Core.Tests.Keys;

/// <summary>An Okta token signed in Key Vault: the app registers the vault key's public JWK; one signature per token POST, none for a
/// cached token.</summary>
public sealed class KeyVaultEmulatorOktaTokenTests : KeyVaultEmulatorTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_token_costs_one_signature_and_a_cached_token_none(bool requireDpop)
    {
        await using var org = await OktaOrgEmulator.StartAsync(new EmulatorOptions());
        var options = new OktaClientOptions(OrgUrl.Parse(org.OrgUrlString)) { RequestTimeout = TimeSpan.FromSeconds(20) };
        var registry = new OktaRegistry();
        var kid = Vault.CreateKey("okta-app", KeySpec.Rsa());
        var signer = await Source(kid).OpenAsync(CancellationToken.None);

        using var admin = new OktaClient(options, new SswsCredentials(org.ApiToken), registry);
        var app = await new ServiceAppClient(admin).CreateAsync(
            new ServiceAppSpec { Name = "vault-signed", Keys = new[] { signer.ToPublicJwk() }, RequireDpop = requireDpop },
            CancellationToken.None);
        await new GrantClient(admin).GrantAsync(app.ClientId, "okta.users.read", OrgUrl.ToIssuer(admin.OrgUrl), CancellationToken.None);
        if (requireDpop)
        {
            registry.MarkRequiresDpop(options.OrgUrl, app.ClientId);
        }

        var tokens = new TokenClient(options, registry);
        var first = await tokens.GetAsync(app.ClientId, signer, new[] { "okta.users.read" }, forceRefresh: false, CancellationToken.None);
        var second = await tokens.GetAsync(app.ClientId, signer, new[] { "okta.users.read" }, forceRefresh: false, CancellationToken.None);

        Assert.Same(first, second);
        // One assertion per token POST (a DPoP app's first token also costs the nonce round); the DPoP proof is signed locally.
        Assert.Equal(registry.TokenRequestsSent, Vault.Stats.Signatures);
        Assert.Equal(requireDpop ? 2 : 1, Vault.Stats.Signatures);
        Assert.Equal(1, Vault.Stats.KeyGets);

        // A second token once the DPoP nonce is known costs one signature too.
        await tokens.GetAsync(app.ClientId, signer, new[] { "okta.users.read" }, forceRefresh: true, CancellationToken.None);
        Assert.Equal(requireDpop ? 3 : 2, Vault.Stats.Signatures);
    }
}
