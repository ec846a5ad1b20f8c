namespace PesanAI.Application.Common;

/// <summary>The resource changed since the caller read it (a stale expected version, or a concurrent writer). The API answers ABORTED.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException()
        : base("The resource was changed by someone else; read it again and retry.")
    {
    }

    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
