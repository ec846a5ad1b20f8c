using System.Globalization;
using System.Text;

namespace PesanAI.Application.Audit;

/// <summary>Where a page of the access list ended: an opaque, base64url-encoded page token.</summary>
internal sealed record AccessCursor(DateTimeOffset AccessedAt, Guid Id)
{
    private const string Prefix = "a:";

    public static string Encode(AccessCursor cursor) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
                $"{Prefix}{cursor.AccessedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{cursor.Id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? token, out AccessCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split(':');
            if (parts.Length == 3 && parts[0] + ":" == Prefix
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && Guid.TryParseExact(parts[2], "N", out var id))
            {
                cursor = new AccessCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }

            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
