using System.Text.RegularExpressions;

namespace PesanAI.Domain.Privacy;

/// <summary>
/// Replaces personal data in customer text before it leaves for an external model (and before a team's answer becomes a
/// knowledge suggestion): email addresses, phone numbers and card-like numbers become <see cref="Email"/>, <see cref="Phone"/> and <see cref="Card"/>.
/// </summary>
/// <remarks>
/// A run of 8 digits or more (spaces, dashes or parentheses between them allowed) counts: with a leading +, or
/// of up to 12 digits, or of 13 to 15 digits starting with 0 or 62 (Indonesian numbers), it is a phone number; any
/// other of 13 or more digits is card-like. Dots do not join digits, so prices (Rp1.500.000) stay, and so do dates. Order,
/// invoice and tracking numbers of 8 digits or more are redacted too: the model does not need them to answer from the
/// knowledge base.
/// </remarks>
public static partial class Redaction
{
    public const string Email = "[EMAIL]";
    public const string Phone = "[PHONE]";
    public const string Card = "[CARD]";

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var withoutEmails = EmailPattern().Replace(text, Email);
        return DigitRunPattern().Replace(withoutEmails, match =>
        {
            if (DatePattern().IsMatch(match.Value))
            {
                return match.Value;
            }

            var digits = match.Value.Count(char.IsAsciiDigit);
            var value = match.Value.TrimStart('(');
            return value.StartsWith('+') || digits <= 12 || (digits <= 15 && (value.StartsWith('0') || value.StartsWith("62", StringComparison.Ordinal)))
                ? Phone
                : Card;
        });
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    /// <summary>8 digits or more, optionally after a + (or an opening parenthesis that an area code closes), with at most two spaces, dashes or parentheses between two digits.</summary>
    /// <remarks>The run is taken whole (atomic): a run followed by a letter is left alone, never cut to a shorter one that fits.</remarks>
    [GeneratedRegex(@"(?<![\w.,])(?:\+|\((?=\d[\d \-]*\)))?(?>\d(?:[ \-()]{0,2}\d){7,})(?!\w|[.,]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRunPattern();

    /// <summary>A date (2024-05-12, 12-05-2024) is not personal data.</summary>
    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
