using OktaEmulator.Auth;
using OktaEmulator.Dpop;
using OktaEmulator.Faults;
using OktaEmulator.RateLimiting;
using OktaEmulator.State;

namespace OktaEmulator.Hosting;

/// <summary>
/// The live org: options, store, stats and the per-request machinery, shared by the pipeline and the endpoint handlers.
/// Options are read under one lock because <see cref="OktaOrgEmulator.Configure"/> may change them mid-run.
/// </summary>
internal sealed class OrgRuntime
{
    private readonly object _optionsGate = new();
    private readonly EmulatorOptions _options;

    public OrgRuntime(EmulatorOptions options)
    {
        _options = options;
        Store = new OrgStore(Now);
        Stats = new EmulatorStats();
        State = new EmulatorState(Store);
        RateLimiter = new FixedWindowRateLimiter();
        Faults = new FaultInjector(options.Seed);
        Dpop = new DpopProofValidator(Store, Now);
        Authenticator = new ApiAuthenticator(() => ApiToken, () => OrgUrl, Store, Dpop, Now);
    }

    /// <summary>"http://127.0.0.1:PORT", no trailing slash: the issuer and the base of every link. Set once Kestrel has bound.</summary>
    public string OrgUrl { get; set; } = "";

    public OrgStore Store { get; }
    public EmulatorStats Stats { get; }
    public EmulatorState State { get; }
    public FixedWindowRateLimiter RateLimiter { get; }
    public FaultInjector Faults { get; }
    public DpopProofValidator Dpop { get; }
    public ApiAuthenticator Authenticator { get; }

    public string ApiToken
    {
        get { lock (_optionsGate) { return _options.ApiToken; } }
    }

    /// <summary>The token endpoint URL a client assertion's aud must name exactly.</summary>
    public string TokenEndpoint => OrgUrl + "/oauth2/v1/token";

    public DateTimeOffset Now()
    {
        Func<DateTimeOffset> clock;
        lock (_optionsGate)
        {
            clock = _options.Clock;
        }

        return clock();
    }

    public RateLimitRule RuleFor(string bucket)
    {
        lock (_optionsGate)
        {
            return _options.RateLimits.TryGetValue(bucket, out var rule)
                ? new RateLimitRule { Limit = rule.Limit, WindowSeconds = rule.WindowSeconds }
                : RateLimitRule.Unlimited;
        }
    }

    public bool IsForbidden(PathString path)
    {
        lock (_optionsGate)
        {
            return _options.ForbiddenPathPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.Ordinal));
        }
    }

    public FaultOptions CurrentFaults()
    {
        lock (_optionsGate)
        {
            var f = _options.Faults;
            return new FaultOptions
            {
                ServerError500 = f.ServerError500,
                ServiceUnavailable503 = f.ServiceUnavailable503,
                Slow = f.Slow,
                SlowDelay = f.SlowDelay,
                Drop = f.Drop,
                Truncate = f.Truncate,
                PathPrefixes = f.PathPrefixes.ToArray(),
            };
        }
    }

    /// <summary>Whether a counted after-apply fault may hit this request (it is taken only once the handler answered 2xx).</summary>
    public bool MayFailAfterApply(string method, PathString path)
    {
        lock (_optionsGate)
        {
            return _options.Faults.AfterApply.Any(rule => rule.Matches(method, path));
        }
    }

    /// <summary>Uses up one play of the first matching after-apply fault; <see cref="FaultKind.None"/> when none is left.</summary>
    public FaultKind TakeFaultAfterApply(string method, PathString path)
    {
        lock (_optionsGate)
        {
            var rule = _options.Faults.AfterApply.FirstOrDefault(r => r.Matches(method, path));
            if (rule is null)
            {
                return FaultKind.None;
            }

            rule.Count--;
            return rule.Kind == AppliedFaultKind.Drop ? FaultKind.DropAfterApply : FaultKind.ServerError500AfterApply;
        }
    }

    /// <summary>Applies a change to the options; rate-limit counts restart and the fault dice are re-seeded.</summary>
    public void Configure(Action<EmulatorOptions> change)
    {
        int? seed;
        lock (_optionsGate)
        {
            change(_options);
            seed = _options.Seed;
        }

        RateLimiter.Reset();
        Faults.Reseed(seed);
    }
}
