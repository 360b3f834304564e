using System.Globalization;
using System.Text.Json.Nodes;
using OktaEmulator.Http;

namespace OktaEmulator.Control;

/// <summary>
/// PUT /__emulator/config body: {"rateLimits":{"apps":{"limit":60,"windowSeconds":60}}, "faults":{...},
/// "forbiddenPathPrefixes":["/api/v1/apps/0oa..."], "seed":1}.
/// Each top-level member present replaces that setting wholesale; absent members leave it alone.
/// </summary>
internal static class EmulatorConfigBody
{
    public static Action<EmulatorOptions>? Parse(JsonObject body, out string error)
    {
        error = "";
        var changes = new List<Action<EmulatorOptions>>();

        if (body.ContainsKey("rateLimits"))
        {
            if (body["rateLimits"] is not (JsonObject or null))
            {
                error = "rateLimits must be an object keyed by bucket (apps, clients, token, default).";
                return null;
            }

            var rules = new Dictionary<string, RateLimitRule>(StringComparer.OrdinalIgnoreCase);
            foreach (var (bucket, node) in body["rateLimits"] as JsonObject ?? [])
            {
                if (node is not JsonObject rule || Int(rule, "limit") is not { } limit)
                {
                    error = $"rateLimits.{bucket} needs a numeric 'limit'.";
                    return null;
                }

                rules[bucket] = new RateLimitRule { Limit = limit, WindowSeconds = Int(rule, "windowSeconds") ?? 60 };
            }

            changes.Add(o =>
            {
                o.RateLimits.Clear();
                foreach (var (bucket, rule) in rules)
                {
                    o.RateLimits[bucket] = rule;
                }
            });
        }

        if (body.ContainsKey("faults"))
        {
            var f = body["faults"] as JsonObject ?? [];
            var faults = new FaultOptions
            {
                ServerError500 = Double(f, "serverError500"),
                ServiceUnavailable503 = Double(f, "serviceUnavailable503"),
                Slow = Double(f, "slow"),
                Drop = Double(f, "drop"),
                Truncate = Double(f, "truncate"),
                PathPrefixes = f.StringList("pathPrefixes", out _)?.ToArray() ?? [],
            };
            if (Int(f, "slowDelayMs") is { } ms)
            {
                faults.SlowDelay = TimeSpan.FromMilliseconds(ms);
            }
            else if (f.String("slowDelay") is { } text && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var delay))
            {
                faults.SlowDelay = delay;
            }

            changes.Add(o => o.Faults = faults);
        }

        if (body.ContainsKey("forbiddenPathPrefixes"))
        {
            var prefixes = body.StringList("forbiddenPathPrefixes", out _)?.ToArray() ?? [];
            changes.Add(o => o.ForbiddenPathPrefixes = prefixes);
        }

        if (body.ContainsKey("seed"))
        {
            var seed = Int(body, "seed");
            changes.Add(o => o.Seed = seed);
        }

        return o => changes.ForEach(change => change(o));
    }

    private static int? Int(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<double>(out var d) ? (int)d : null;

    private static double Double(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;
}
