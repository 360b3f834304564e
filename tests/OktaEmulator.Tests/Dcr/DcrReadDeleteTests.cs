namespace OktaEmulator.Tests.Dcr;

/// <summary>GET/PUT/DELETE /oauth2/v1/clients/{id} and the paged list.</summary>
public sealed class DcrReadDeleteTests(EmulatorFixture org) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Get_returns_the_client_and_404_E0000007_for_an_unknown_id()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0), "k1"));
        using var found = await org.Api.GetAsync($"/oauth2/v1/clients/{clientId}");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(clientId, (await OrgApi.JsonAsync(found))["client_id"]!.GetValue<string>());

        using var missing = await org.Api.GetAsync("/oauth2/v1/clients/0oaDoesNotExist000000");
        var body = await Expect.OktaErrorAsync(missing, HttpStatusCode.NotFound, "E0000007");
        Assert.Equal("Not found: Resource not found: 0oaDoesNotExist000000 (PublicClientApp)", body["errorSummary"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_answers_204_then_the_client_is_gone_and_a_second_delete_is_404()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0), "k1"));
        using var deleted = await org.Api.DeleteAsync($"/oauth2/v1/clients/{clientId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(org.Emulator.State.FindClient(clientId));

        using var again = await org.Api.DeleteAsync($"/oauth2/v1/clients/{clientId}");
        await Expect.OktaErrorAsync(again, HttpStatusCode.NotFound, "E0000007");
        using var get = await org.Api.GetAsync($"/oauth2/v1/clients/{clientId}");
        await Expect.OktaErrorAsync(get, HttpStatusCode.NotFound, "E0000007");
    }

    [Fact]
    public async Task Put_replaces_metadata_and_keeps_the_id_but_validates_like_create()
    {
        var clientId = await org.Api.CreateServiceClientAsync(TestKeys.PublicJwk(TestKeys.Rsa(0), "k1"));
        var replacement = OrgApi.ServiceClientBody("Renamed", TestKeys.PublicJwk(TestKeys.Rsa(1), "k2"));
        using var replaced = await org.Api.SendAsync(HttpMethod.Put, $"/oauth2/v1/clients/{clientId}", replacement);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = await OrgApi.JsonAsync(replaced);
        Assert.Equal(clientId, body["client_id"]!.GetValue<string>());
        Assert.Equal("k2", body["jwks"]!["keys"]![0]!["kid"]!.GetValue<string>());

        replacement.Remove("jwks");
        using var refused = await org.Api.SendAsync(HttpMethod.Put, $"/oauth2/v1/clients/{clientId}", replacement);
        await Expect.OAuthErrorAsync(refused, HttpStatusCode.BadRequest, "invalid_client_metadata");
    }

    [Fact]
    public async Task List_pages_with_limit_and_after_and_sends_separate_self_and_next_links()
    {
        var prefix = "page-" + Guid.NewGuid().ToString("N")[..6];
        using (var decoy = await org.Api.PostAsync("/oauth2/v1/clients", OrgApi.ServiceClientBody("decoy-" + prefix, TestKeys.PublicJwk(TestKeys.Rsa(0)))))
        {
            Assert.Equal(HttpStatusCode.Created, decoy.StatusCode);
        }

        for (var i = 0; i < 5; i++)
        {
            using var created = await org.Api.PostAsync("/oauth2/v1/clients",
                OrgApi.ServiceClientBody($"{prefix}-{i}", TestKeys.PublicJwk(TestKeys.Rsa(0))));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var names = new List<string>();
        var url = $"/oauth2/v1/clients?limit=2&q={prefix}";
        var pages = 0;
        while (url is not null)
        {
            using var page = await org.Api.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var links = page.Headers.GetValues("Link").ToList();
            Assert.Contains(links, l => l.EndsWith("; rel=\"self\"", StringComparison.Ordinal));
            Assert.All(links, l => Assert.DoesNotContain(">, <", l));
            names.AddRange((await OrgApi.JsonAsync(page)).AsArray().Select(c => c!["client_name"]!.GetValue<string>()));
            var next = links.SingleOrDefault(l => l.EndsWith("rel=\"next\"", StringComparison.Ordinal));
            url = next is null ? null : next[1..next.IndexOf('>')].Replace(org.Api.OrgUrl, "", StringComparison.Ordinal);
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}"), names);
    }

    [Fact]
    public async Task List_defaults_to_20_per_page()
    {
        var prefix = "twenty-" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 21; i++)
        {
            using var created = await org.Api.PostAsync("/oauth2/v1/clients",
                OrgApi.ServiceClientBody($"{prefix}-{i:00}", TestKeys.PublicJwk(TestKeys.Rsa(0))));
        }

        using var page = await org.Api.GetAsync($"/oauth2/v1/clients?q={prefix}");
        Assert.Equal(20, (await OrgApi.JsonAsync(page)).AsArray().Count);
        Assert.Contains(page.Headers.GetValues("Link"), l => l.EndsWith("rel=\"next\"", StringComparison.Ordinal));
    }
}
