namespace OktaServiceApp.Core.Keys;

/// <summary>A key problem. The message names the problem and never contains key material.</summary>
public sealed class KeyException : Exception
{
    public KeyException(KeyProblem problem, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
    }

    public KeyProblem Problem { get; }
}
