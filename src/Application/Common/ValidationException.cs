namespace PesanAI.Application.Common;

/// <summary>One invalid request field, named as the API names it (for example <c>display_name</c>).</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>The request's shape is wrong; nothing was read or written. The API answers INVALID_ARGUMENT.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException(IReadOnlyList<FieldViolation> violations)
        : base("Invalid request: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"))) =>
        Violations = violations;

    public ValidationException()
        : this([])
    {
    }

    public ValidationException(string message)
        : base(message) => Violations = [];

    public ValidationException(string message, Exception innerException)
        : base(message, innerException) => Violations = [];

    public IReadOnlyList<FieldViolation> Violations { get; }
}
