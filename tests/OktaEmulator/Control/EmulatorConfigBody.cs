using System.Globalization;
using System.Text.Json.Nodes;
using OktaEmulator.Http;

namespace OktaEmulator.Control;

/// <summary>
/// PUT /__emulator/config body: {"rateLimits":{"apps":{"limit":60,"windowSeconds":60}},
/// "faults":{..., "afterApply":[{"kind":"serverError500","method":"POST","pathPrefix":"/api/v1/apps/","count":1}]},
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
            if (ParseAfterApply(f, out error) is not { } afterApply)
            {
                return null;
            }

            var faults = new FaultOptions
            {
                AfterApply = afterApply,
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

    /// <summary>faults.afterApply: [{"kind":"serverError500"|"drop","method":"POST","pathPrefix":"/api/v1/apps/","count":1}].</summary>
    private static List<AppliedFault>? ParseAfterApply(JsonObject faults, out string error)
    {
        error = "";
        var rules = new List<AppliedFault>();
        if (faults["afterApply"] is null)
        {
            return rules;
        }

        if (faults["afterApply"] is not JsonArray array)
        {
            error = "faults.afterApply must be a list of {kind, method, pathPrefix, count}.";
            return null;
        }

        foreach (var node in array)
        {
            if (node is not JsonObject rule)
            {
                error = "faults.afterApply must be a list of {kind, method, pathPrefix, count}.";
                return null;
            }

            AppliedFaultKind kind;
            switch (rule.String("kind"))
            {
                case "serverError500":
                    kind = AppliedFaultKind.ServerError500;
                    break;
                case "drop":
                    kind = AppliedFaultKind.Drop;
                    break;
                default:
                    error = "faults.afterApply[].kind must be 'serverError500' or 'drop'.";
                    return null;
            }

            var count = rule.ContainsKey("count") ? Int(rule, "count") : 1;
            if (count is not > 0)
            {
                error = "faults.afterApply[].count must be a positive number.";
                return null;
            }

            var method = rule.String("method") ?? "POST";
            var prefix = rule.String("pathPrefix") ?? "/";
            if (method.Trim().Length == 0 || !prefix.StartsWith('/'))
            {
                error = "faults.afterApply[] needs a method and a pathPrefix starting with '/'.";
                return null;
            }

            rules.Add(new AppliedFault { Kind = kind, Method = method.Trim(), PathPrefix = prefix, Count = count.Value });
        }

        return rules;
    }

    private static int? Int(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<double>(out var d) ? (int)d : null;

    private static double Double(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;
}
