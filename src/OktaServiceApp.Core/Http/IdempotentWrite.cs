using System.Runtime.ExceptionServices;
using OktaServiceApp.Core.Diagnostics;

namespace OktaServiceApp.Core.Http;

/// <summary>
/// The one way the engine creates, assigns or adds something that must exist exactly once (an app, a grant, a role, a key).
/// Such a POST is never repeated blindly: when its outcome is unknown (5xx, timeout, dropped connection, a success answer that
/// could not be read) the object is looked for first and the POST is sent again only if it is absent, with the client's fault
/// back-off between tries and at most MaxRetries + 1 tries. Where Okta answers a second create with 400 or 409, that answer is
/// looked behind too (<see cref="AlreadyExistsAnswer"/>), so an object the interrupted try made is success rather than an error.
/// </summary>
internal static class IdempotentWrite
{
    /// <summary>Runs <paramref name="write"/> until it succeeds or <paramref name="find"/> shows the object exists.</summary>
    /// <param name="client">Whose options (MaxRetries) and fault back-off apply.</param>
    /// <param name="description">What is written, for verbose messages ("grant of okta.users.read to 0oa1").</param>
    /// <param name="write">The POST; its request must not retry faults itself (<see cref="OktaRequest.RetryFaults"/> false).</param>
    /// <param name="find">Reads the object back; null when it does not exist. Called only after an unknown outcome or a refusal.</param>
    /// <param name="alreadyExists">What a 400 or 409 means for this kind of object.</param>
    public static async Task<T> RunAsync<T>(OktaClient client, string description, Func<CancellationToken, Task<T>> write,
        Func<CancellationToken, Task<T?>> find, AlreadyExistsAnswer alreadyExists, CancellationToken cancellationToken)
        where T : class
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        var maxTries = Math.Max(0, client.Options.MaxRetries) + 1;
        var unknownOutcome = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write(cancellationToken).ConfigureAwait(false);
            }
            catch (OktaApiException ex) when (ex.IsUnknownOutcome())
            {
                unknownOutcome = true;
                OktaObserver.Verbose($"The {description}: the outcome is unknown ({ex.Kind}); looking for it before trying again.");
                if (await LookAsync(description, find, ex, cancellationToken).ConfigureAwait(false) is { } written)
                {
                    OktaObserver.Verbose($"The {description} was applied by the interrupted request.");
                    return written;
                }

                if (attempt >= maxTries)
                {
                    throw;
                }

                await client.WaitForRetryAsync(attempt, $"the {description} was not applied, try {attempt + 1} of {maxTries}",
                    cancellationToken).ConfigureAwait(false);
            }
            catch (OktaApiException ex) when (ex.Kind is OktaErrorKind.BadRequest or OktaErrorKind.Conflict &&
                                               LooksBehindRefusal(alreadyExists, unknownOutcome))
            {
                // Okta's answer to "already there" is a 400 or 409 that does not always say so: look before failing.
                if (await LookAsync(description, find, ex, cancellationToken).ConfigureAwait(false) is { } existing)
                {
                    OktaObserver.Verbose($"The {description} already exists; Okta refused it a second time ({ex.StatusCode}).");
                    return existing;
                }

                throw;
            }
        }
    }

    private static bool LooksBehindRefusal(AlreadyExistsAnswer answer, bool afterUnknownOutcome) =>
        answer == AlreadyExistsAnswer.Look || (answer == AlreadyExistsAnswer.LookAfterUnknownOutcome && afterUnknownOutcome);

    /// <summary>The object, null when absent; a failed look rethrows the write's own error, which is what the caller must see.</summary>
    private static async Task<T?> LookAsync<T>(string description, Func<CancellationToken, Task<T?>> find, OktaApiException original,
        CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await find(cancellationToken).ConfigureAwait(false);
        }
        catch (OktaApiException lookError)
        {
            OktaObserver.Verbose($"Could not look for the {description}: {lookError.Message}");
            ExceptionDispatchInfo.Capture(original).Throw();
            throw;
        }
    }
}
