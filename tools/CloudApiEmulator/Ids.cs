using System.Security.Cryptography;

namespace PesanAI.CloudApiEmulator;

/// <summary>Identifiers shaped like Meta's: digit ids, <c>wamid.</c> base64, <c>EAAG</c> tokens.</summary>
internal static class Ids
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Digits(int length)
    {
        // No leading zero: Meta's ids are numbers, and the template webhook carries one as a JSON number.
        var digits = RandomNumberGenerator.GetString("0123456789", length).ToCharArray();
        digits[0] = RandomNumberGenerator.GetString("123456789", 1)[0];
        return new string(digits);
    }

    /// <summary>Base64 of random letters and digits: no <c>+</c> or <c>/</c>, so ids need no escaping in JSON or URLs.</summary>
    public static string Wamid() =>
        "wamid." + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(RandomNumberGenerator.GetString(Alphanumeric, 32)));

    public static string AccessToken() => "EAAG" + RandomNumberGenerator.GetString(Alphanumeric, 120);

    public static string FbTraceId() => "A" + RandomNumberGenerator.GetString(Alphanumeric + "_-", 22);
}
