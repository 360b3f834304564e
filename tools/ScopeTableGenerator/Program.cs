using System.Text;
using YamlDotNet.RepresentationModel;

// Usage: ScopeTableGenerator <output.tsv> <spec.yaml>...
// Writes one line per operation: METHOD, TAB, path template, TAB, the OAuth scopes of its oauth2 security requirement
// (space separated, all of them needed; empty when the operation takes no OAuth scope). Sorted, so the output is stable.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ScopeTableGenerator <output.tsv> <spec.yaml>...");
    return 2;
}

string[] methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
var rows = new SortedSet<string>(StringComparer.Ordinal);
foreach (var specPath in args.Skip(1))
{
    var yaml = new YamlStream();
    using (var reader = File.OpenText(specPath))
    {
        yaml.Load(reader);
    }

    var root = (YamlMappingNode)yaml.Documents[0].RootNode;
    var paths = (YamlMappingNode)root.Children[new YamlScalarNode("paths")];
    foreach (var (pathKey, pathNode) in paths.Children)
    {
        var template = ((YamlScalarNode)pathKey).Value!;
        if (pathNode is not YamlMappingNode item)
        {
            continue;
        }

        foreach (var (methodKey, operationNode) in item.Children)
        {
            var method = ((YamlScalarNode)methodKey).Value!;
            if (!methods.Contains(method) || operationNode is not YamlMappingNode operation)
            {
                continue;
            }

            var scopes = new List<string>();
            if (operation.Children.TryGetValue(new YamlScalarNode("security"), out var security) && security is YamlSequenceNode requirements)
            {
                foreach (var requirement in requirements.OfType<YamlMappingNode>())
                {
                    if (requirement.Children.TryGetValue(new YamlScalarNode("oauth2"), out var list) && list is YamlSequenceNode scopeList)
                    {
                        scopes.AddRange(scopeList.OfType<YamlScalarNode>().Select(s => s.Value!));
                    }
                }
            }

            var line = $"{method.ToUpperInvariant()}\t{template}\t{string.Join(' ', scopes)}";
            if (line.Contains('\n') || line.Count(c => c == '\t') != 2)
            {
                Console.Error.WriteLine($"{specPath}: unusable operation {method} {template}");
                return 1;
            }

            rows.Add(line);
        }
    }
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[0]))!);
File.WriteAllText(args[0], string.Join("\n", rows) + "\n", new UTF8Encoding(false));
Console.WriteLine($"ScopeTableGenerator: {rows.Count} operations -> {args[0]}");
return 0;
