using System.Collections;
using System.Management.Automation.Language;
using System.Xml.Linq;
using OktaServiceApp.Release.Tests.Support;

namespace OktaServiceApp.Release.Tests.Release;

/// <summary>Issue 11: the manifest's MIT claim has a LICENSE behind it, there is a CHANGELOG, and no URI points nowhere.</summary>
public sealed class ReleaseFilesTests
{
    [Fact]
    public void License_is_MIT_for_the_manifest_s_author()
    {
        var license = File.ReadAllText(Repository.PathOf("LICENSE"));
        var manifest = Manifest();

        Assert.StartsWith("MIT License", license, StringComparison.Ordinal);
        Assert.Contains("MIT License", (string)manifest["Copyright"]!, StringComparison.Ordinal);
        Assert.Contains($"Copyright (c) {manifest["Author"]}", license, StringComparison.Ordinal);
        Assert.Contains("Permission is hereby granted, free of charge", license, StringComparison.Ordinal);
    }

    [Fact]
    public void Changelog_has_a_section_for_the_module_version()
    {
        var version = XDocument.Load(Repository.PathOf("Directory.Build.props")).Descendants("ModuleVersion").Single().Value;
        var changelog = File.ReadAllLines(Repository.PathOf("CHANGELOG.md"));

        Assert.Contains(changelog, line => line.StartsWith($"## {version}", StringComparison.Ordinal));
    }

    [Fact]
    public void Manifest_has_no_uri_to_a_place_that_does_not_exist()
    {
        // The project has no public repository or site yet; a URI would have to be invented, so there must be none.
        var psData = (Hashtable)((Hashtable)Manifest()["PrivateData"]!)["PSData"]!;
        var uris = psData.Keys.Cast<string>().Where(k => k.EndsWith("Uri", StringComparison.OrdinalIgnoreCase)).ToList();

        Assert.Empty(uris);
        Assert.Contains("CHANGELOG.md", (string)psData["ReleaseNotes"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void The_staged_module_carries_its_license_and_changelog()
    {
        Assert.Equal(File.ReadAllText(Repository.PathOf("LICENSE")), File.ReadAllText(Path.Combine(Repository.StagedModule, "LICENSE")));
        Assert.True(File.Exists(Path.Combine(Repository.StagedModule, "CHANGELOG.md")));
    }

    private static Hashtable Manifest()
    {
        var ast = Parser.ParseFile(Repository.PathOf("module", "OktaServiceApp", "OktaServiceApp.psd1"), out _, out var errors);
        Assert.Empty(errors);
        var table = ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false)!;
        return (Hashtable)table.SafeGetValue();
    }
}
