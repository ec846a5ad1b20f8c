namespace PesanAI.Domain.Common;

/// <summary>How a refused command relates to the resource it named; the API maps it to a status code.</summary>
public enum RuleKind
{
    /// <summary>The resource is not in a state that allows the command (FAILED_PRECONDITION).</summary>
    Precondition,

    /// <summary>The command names something the resource does not have (NOT_FOUND).</summary>
    NotFound,

    /// <summary>The command would create something that already exists (ALREADY_EXISTS).</summary>
    AlreadyExists,
}

/// <summary>
/// A business rule refused a command. <see cref="Reason"/> is a stable machine code (for example
/// <c>TENANT_SUSPENDED</c>) that the API returns as the google.rpc.ErrorInfo reason.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string reason, string message, RuleKind kind = RuleKind.Precondition, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Kind = kind;
    }

    public DomainException()
        : this("DOMAIN_RULE", "A business rule refused the command.")
    {
    }

    public DomainException(string message)
        : this("DOMAIN_RULE", message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException) => Reason = "DOMAIN_RULE";

    public string Reason { get; }

    public RuleKind Kind { get; }
}
