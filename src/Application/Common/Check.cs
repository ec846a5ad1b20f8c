using System.Text.RegularExpressions;

namespace PesanAI.Application.Common;

/// <summary>Small shape checks shared by request validators; each yields a violation naming the API field.</summary>
public static partial class Check
{
    public static IEnumerable<FieldViolation> Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return new FieldViolation(field, "is required");
        }
        else if (value.Length > maxLength)
        {
            yield return new FieldViolation(field, $"must be at most {maxLength} characters");
        }
    }

    public static IEnumerable<FieldViolation> MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            yield return new FieldViolation(field, $"must be at most {maxLength} characters");
        }
    }

    public static IEnumerable<FieldViolation> Id(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return new FieldViolation(field, "is required");
        }
        else if (!Guid.TryParse(value, out _))
        {
            yield return new FieldViolation(field, "must be a UUID");
        }
    }

    /// <summary>An id a tenant's callers may leave empty (their own tenant); when given it must be a UUID.</summary>
    public static IEnumerable<FieldViolation> OptionalId(string field, string? value)
    {
        if (!string.IsNullOrEmpty(value) && !Guid.TryParse(value, out _))
        {
            yield return new FieldViolation(field, "must be a UUID");
        }
    }

    public static IEnumerable<FieldViolation> Digits(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return new FieldViolation(field, "is required");
        }
        else if (value.Length > maxLength || !DigitsPattern().IsMatch(value))
        {
            yield return new FieldViolation(field, $"must be digits only, at most {maxLength}");
        }
    }

    public static IEnumerable<FieldViolation> Email(string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                yield return new FieldViolation(field, "is required");
            }
        }
        else if (value.Length > 254 || !EmailPattern().IsMatch(value))
        {
            yield return new FieldViolation(field, "must be an email address");
        }
    }

    public static IEnumerable<FieldViolation> PageSize(int pageSize, int max)
    {
        if (pageSize < 0 || pageSize > max)
        {
            yield return new FieldViolation("page_size", $"must be between 0 and {max}");
        }
    }

    public static IEnumerable<FieldViolation> PageToken(string? token)
    {
        if (!Common.PageToken.TryDecode(token, out _))
        {
            yield return new FieldViolation("page_token", "is not a token this API issued");
        }
    }

    [GeneratedRegex("^[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DigitsPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
