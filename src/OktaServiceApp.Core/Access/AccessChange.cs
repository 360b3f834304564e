namespace OktaServiceApp.Core.Access;

/// <summary>One write a plan needs: what it does (for -WhatIf and verbose) and how to do it.</summary>
public sealed class AccessChange
{
    internal AccessChange(string action, Func<CancellationToken, Task> apply)
    {
        Action = action;
        ApplyAsync = apply;
    }

    /// <summary>Such as "Grant scope 'okta.users.read'" or "Add group target 00g… to GROUP_MEMBERSHIP_ADMIN".</summary>
    public string Action { get; }

    /// <summary>Sends the write. Changes run in plan order: a target of a new role needs the role first.</summary>
    public Func<CancellationToken, Task> ApplyAsync { get; }

    /// <inheritdoc />
    public override string ToString() => Action;
}
