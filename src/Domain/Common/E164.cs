using System.Text.RegularExpressions;

namespace PesanAI.Domain.Common;

/// <summary>ITU-T E.164 numbers as WhatsApp uses them: a plus sign, a country code, at most 15 digits in all.</summary>
public static partial class E164
{
    public static bool IsValid(string? number) => number is not null && Pattern().IsMatch(number);

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
