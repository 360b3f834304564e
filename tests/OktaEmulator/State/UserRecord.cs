namespace OktaEmulator.State;

internal sealed class UserRecord
{
    public required string Id { get; init; }
    public required long Sequence { get; init; }
    public required string Status { get; init; }
    public required string Login { get; init; }
    public required string Email { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required DateTimeOffset Created { get; init; }
}
