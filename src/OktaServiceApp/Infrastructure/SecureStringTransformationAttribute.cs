using System.Management.Automation;
using System.Security;
using OktaServiceApp.Core.Secrets;

namespace OktaServiceApp.PowerShell.Infrastructure;

/// <summary>
/// Lets a SecureString parameter also take a plain string given explicitly, as Connect-Okta -ApiToken $env:TOKEN
/// in a runbook. The value is wrapped at once and the plain copy is not kept.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            SecureString secure => secure,
            string plain => SecureText.From(plain),
            _ => inputData,
        };
    }
}
