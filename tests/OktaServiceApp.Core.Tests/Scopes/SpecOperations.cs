using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace OktaServiceApp.Core.Tests.Scopes;

/// <summary>Reads the copied Okta specs on its own (not through the generator), so the tests check the table against the source.</summary>
internal static class SpecOperations
{
    private static readonly string[] s_methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    public static readonly Lazy<IReadOnlyList<(string Method, string Template, string[] Scopes)>> All = new(Read);

    public static string SpecDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var spec = Path.Combine(dir.FullName, "src", "OktaServiceApp.Core", "Spec");
                if (Directory.Exists(spec))
                {
                    return spec;
                }
            }

            throw new DirectoryNotFoundException("src/OktaServiceApp.Core/Spec not found above the test directory.");
        }
    }

    /// <summary>A concrete path for a template: every {parameter} becomes a sample id no template uses as a literal.</summary>
    public static string Concrete(string template)
    {
        var n = 0;
        return Regex.Replace(template, @"\{[^}/]+\}", _ => $"x{++n}Sample0");
    }

    private static IReadOnlyList<(string, string, string[])> Read()
    {
        var result = new List<(string, string, string[])>();
        foreach (var file in Directory.GetFiles(SpecDirectory, "*.yaml").OrderBy(f => f, StringComparer.Ordinal))
        {
            var yaml = new YamlStream();
            using (var reader = File.OpenText(file))
            {
                yaml.Load(reader);
            }

            var paths = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["paths"];
            // KeyValuePair has no Deconstruct on .NET Framework, where these tests also run.
            foreach (var path in paths.Children)
            {
                var (key, node) = (path.Key, path.Value);
                foreach (var entry in ((YamlMappingNode)node).Children)
                {
                    var (methodKey, operation) = (entry.Key, entry.Value);
                    var method = ((YamlScalarNode)methodKey).Value!;
                    if (!s_methods.Contains(method))
                    {
                        continue;
                    }

                    var scopes = ((YamlMappingNode)operation).Children.TryGetValue(new YamlScalarNode("security"), out var security)
                        ? ((YamlSequenceNode)security).OfType<YamlMappingNode>()
                            .SelectMany(r => r.Children.TryGetValue(new YamlScalarNode("oauth2"), out var s) ? ((YamlSequenceNode)s).Select(x => ((YamlScalarNode)x).Value!) : [])
                            .ToArray()
                        : [];
                    result.Add((method.ToUpperInvariant(), ((YamlScalarNode)key).Value!, scopes));
                }
            }
        }

        return result;
    }
}
