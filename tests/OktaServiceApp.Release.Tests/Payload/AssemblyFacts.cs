using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace OktaServiceApp.Release.Tests.Payload;

/// <summary>What an assembly file says about itself, read as metadata: nothing is loaded, so any framework's build can be read.</summary>
internal sealed record AssemblyFacts(string Path, string Name, Version Version, string? TargetFramework, IReadOnlyList<AssemblyName> References)
{
    public static AssemblyFacts Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var definition = reader.GetAssemblyDefinition();
        var references = reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .Select(r => new AssemblyName { Name = reader.GetString(r.Name), Version = r.Version })
            .ToList();
        return new AssemblyFacts(path, reader.GetString(definition.Name), definition.Version, TargetFrameworkOf(reader, definition), references);
    }

    /// <summary>True for a file that is an assembly (two native helpers sit among .NET Framework's reference assemblies).</summary>
    public static bool IsAssembly(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
    }

    private static string? TargetFrameworkOf(MetadataReader reader, AssemblyDefinition definition)
    {
        foreach (var handle in definition.GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (constructor.Parent.Kind != HandleKind.TypeReference ||
                reader.GetString(reader.GetTypeReference((TypeReferenceHandle)constructor.Parent).Name) != "TargetFrameworkAttribute")
            {
                continue;
            }

            // The blob is the prolog (2 bytes) and then one serialized string: a compressed length and UTF-8 bytes.
            var blob = reader.GetBlobReader(attribute.Value);
            blob.ReadUInt16();
            return blob.ReadSerializedString();
        }

        return null;
    }
}
