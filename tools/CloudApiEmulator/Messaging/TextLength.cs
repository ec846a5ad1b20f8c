namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>
/// Meta's limits are in characters. Counted as Unicode scalar values, so an emoji is one character,
/// not the two UTF-16 units <see cref="string.Length"/> would count.
/// </summary>
internal static class TextLength
{
    public static int Of(string text) => text.EnumerateRunes().Count();

    /// <summary>Null when <paramref name="text"/> is within min..max; otherwise what is wrong with <paramref name="field"/>.</summary>
    public static string? Check(string? text, string field, int min, int max)
    {
        if (text is null)
        {
            return min > 0 ? $"{field} is required" : null;
        }

        var length = Of(text);
        return length < min ? $"{field} must not be empty"
            : length > max ? $"{field} is too long: {length} characters, at most {max}"
            : null;
    }
}
