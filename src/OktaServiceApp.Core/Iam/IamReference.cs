namespace OktaServiceApp.Core.Iam;

/// <summary>A custom role or resource set, resolved from an id or a label to both.</summary>
public sealed class IamReference
{
    public string Id { get; init; } = "";
    public string Label { get; init; } = "";

    /// <inheritdoc />
    public override string ToString() => $"{Label} ({Id})";
}
