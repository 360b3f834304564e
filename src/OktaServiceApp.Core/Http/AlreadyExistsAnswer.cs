namespace OktaServiceApp.Core.Http;

/// <summary>What a 400 or 409 to a create means for <see cref="IdempotentWrite"/>.</summary>
internal enum AlreadyExistsAnswer
{
    /// <summary>Okta never refuses this create as a duplicate (apps may share a name): a 400 or 409 is the caller's error.</summary>
    Error,

    /// <summary>Okta's answer for "already there" is undocumented (grants): look, and an existing object is success.</summary>
    Look,

    /// <summary>A duplicate on the first try is the caller's error (a role the app already has, a kid in use), reported as
    /// such; after an unknown outcome it may be our own earlier try, so look first.</summary>
    LookAfterUnknownOutcome,
}
