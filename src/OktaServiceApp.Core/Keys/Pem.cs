using System.Text;

namespace OktaServiceApp.Core.Keys;

/// <summary>One "-----BEGIN label-----" block. Headers are the RFC 1421 "Name: value" lines (Proc-Type, DEK-Info).</summary>
internal sealed class PemBlock
{
    public PemBlock(string label, IReadOnlyDictionary<string, string> headers, string base64Body)
    {
        Label = label;
        Headers = headers;
        Base64Body = base64Body;
    }

    public string Label { get; }
    public IReadOnlyDictionary<string, string> Headers { get; }
    public string Base64Body { get; }

    /// <summary>Legacy OpenSSL encryption ("Proc-Type: 4,ENCRYPTED"), undone by <see cref="LegacyPemEncryption"/>.</summary>
    public bool IsLegacyEncrypted =>
        Headers.TryGetValue("Proc-Type", out var procType) &&
        procType.IndexOf("ENCRYPTED", StringComparison.OrdinalIgnoreCase) >= 0;

    public byte[] DecodeBody()
    {
        if (Base64Body.Length == 0)
        {
            throw new KeyException(KeyProblem.MalformedPem, $"The PEM block '{Pem.DescribeLabel(Label)}' is empty.");
        }

        try
        {
            return Convert.FromBase64String(Base64Body);
        }
        catch (FormatException e)
        {
            // FormatException never echoes its input, so it is safe to keep as the inner exception.
            throw new KeyException(KeyProblem.MalformedPem, $"The PEM block '{Pem.DescribeLabel(Label)}' does not contain valid base64.", e);
        }
    }
}

/// <summary>PEM armor (RFC 7468): finding blocks in text, and writing one with 64-character lines.</summary>
internal static class Pem
{
    private const string BeginMarker = "-----BEGIN ";
    private const string EndMarker = "-----END ";
    private const string Dashes = "-----";
    private const int LineLength = 64;

    /// <summary>Labels come from the user's file; only ones that look like labels are echoed in messages.</summary>
    public static string DescribeLabel(string label) =>
        label.Length <= 40 && label.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9' or ' ' or '-')
            ? label
            : "(unrecognised)";

    public static bool ContainsPem(string text) => text.IndexOf(BeginMarker, StringComparison.Ordinal) >= 0;

    /// <summary>Every block in order; text between blocks (openssl's "Bag Attributes" and the like) is ignored.
    /// Throws MalformedPem for a block without its matching END line.</summary>
    public static IReadOnlyList<PemBlock> ReadAll(string text)
    {
        var blocks = new List<PemBlock>();
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i].Trim();
            i++;
            if (!line.StartsWith(BeginMarker, StringComparison.Ordinal))
            {
                continue;
            }

            if (!line.EndsWith(Dashes, StringComparison.Ordinal) || line.Length < BeginMarker.Length + Dashes.Length)
            {
                throw new KeyException(KeyProblem.MalformedPem, "A PEM BEGIN line is not terminated by '-----'.");
            }

            var label = line.Substring(BeginMarker.Length, line.Length - BeginMarker.Length - Dashes.Length);
            var endLine = EndMarker + label + Dashes;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var body = new StringBuilder();
            var inHeaders = true;
            var closed = false;
            while (i < lines.Length)
            {
                var inner = lines[i].Trim();
                i++;
                if (inner == endLine)
                {
                    closed = true;
                    break;
                }

                if (inner.StartsWith(EndMarker, StringComparison.Ordinal) || inner.StartsWith(BeginMarker, StringComparison.Ordinal))
                {
                    break;
                }

                if (inHeaders)
                {
                    var colon = inner.IndexOf(':');
                    if (colon > 0)
                    {
                        headers[inner.Substring(0, colon).Trim()] = inner.Substring(colon + 1).Trim();
                        continue;
                    }

                    if (inner.Length == 0)
                    {
                        inHeaders = false;
                        continue;
                    }

                    inHeaders = false;
                }

                body.Append(inner);
            }

            if (!closed)
            {
                throw new KeyException(KeyProblem.MalformedPem, $"The PEM block '{DescribeLabel(label)}' has no matching END line.");
            }

            blocks.Add(new PemBlock(label, headers, body.ToString()));
        }

        return blocks;
    }

    public static string Write(string label, byte[] der)
    {
        var base64 = Convert.ToBase64String(der);
        var text = new StringBuilder(base64.Length + (base64.Length / LineLength) + (2 * label.Length) + 40);
        text.Append(BeginMarker).Append(label).Append(Dashes).Append('\n');
        for (var offset = 0; offset < base64.Length; offset += LineLength)
        {
            text.Append(base64, offset, Math.Min(LineLength, base64.Length - offset)).Append('\n');
        }

        text.Append(EndMarker).Append(label).Append(Dashes).Append('\n');
        return text.ToString();
    }
}
