using System.Collections;
using System.Management.Automation;
using System.Text.Json;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>Turns Okta's JSON into PSCustomObjects (like ConvertFrom-Json), and PowerShell values into plain .NET values for the engine.</summary>
internal static class JsonToPowerShell
{
    public static object? ToPowerShell(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToObject(element),
        JsonValueKind.Array => element.EnumerateArray().Select(ToPowerShell).ToArray(),
        JsonValueKind.String => element.TryGetDateTimeOffset(out var date) && element.GetString()!.Length >= 20
            ? date
            : element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>Hashtables, PSCustomObjects, arrays and scalars, as Dictionary/List/scalars that System.Text.Json can write.</summary>
    public static object? ToPlain(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case PSObject ps when ps.BaseObject is PSCustomObject:
                var fromObject = new Dictionary<string, object?>();
                foreach (var property in ps.Properties)
                {
                    fromObject[property.Name] = ToPlain(property.Value);
                }

                return fromObject;
            case PSObject ps:
                return ToPlain(ps.BaseObject);
            case string or bool or int or long or double or decimal or float or DateTime or DateTimeOffset or Guid:
                return value;
            case IDictionary dictionary:
                var fromDictionary = new Dictionary<string, object?>();
                foreach (DictionaryEntry entry in dictionary)
                {
                    fromDictionary[entry.Key.ToString() ?? ""] = ToPlain(entry.Value);
                }

                return fromDictionary;
            case IEnumerable items:
                return items.Cast<object?>().Select(ToPlain).ToList();
            default:
                return value.ToString();
        }
    }

    private static PSObject ToObject(JsonElement element)
    {
        var result = new PSObject();
        foreach (var property in element.EnumerateObject())
        {
            result.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value)));
        }

        return result;
    }
}
