using System.Text;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

/// <summary>
/// Structure-aware mutations of a webhook body, driven only by the <see cref="Random"/> given (seeded by the
/// caller, so every payload can be made again from its seed).
/// </summary>
internal static class Mutator
{
    // Byte-level mutations mostly break the syntax, and stop at the tokenizer; the structural ones (twice
    // as likely) keep the JSON well-formed and reach the mappers with wrong types, values and shapes.
    private static readonly string[] ByteKinds =
        ["flip-bit", "random-byte", "truncate", "delete-span", "duplicate-span", "invalid-utf8", "insert-escape", "swap-bracket"];

    private static readonly string[] StructuralKinds = ["swap-value", "deep-nesting", "huge-string", "duplicate-key", "rename-key", "huge-number"];

    private static readonly string[] Values =
    [
        "1e999", "-1e999", "-0", "99999999999999999999999999999", "1e-400", "0.1", "-5", "null", "true", "false", "{}", "[]", "[null]",
        """{"a":[1,{"b":null}]}""", "\"\"", "\"x\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"1739321024\"", "\"-1\"",
        "1739321024", "\"wamid.X\"", "\"text\"", "\"image\"", "\"interactive\"", "\"unknown\"", "\"failed\"", "\"messages\"",
        "\"whatsapp_business_account\"", "\"\U0001F44D\U0001F3FD\"", "\"\\ud83d\\udc4d\"",
    ];

    private static readonly string[] Escapes = ["\\ud800", "\\udc00", "\\u0000", "\\uZZZZ", "\\", "\\x", "\\u12", "\"", "\\\"", "\\ud83d\\udc4d"];

    private static readonly string[] Keys =
    [
        "\"id\":\"x\",", "\"phone_number_id\":\"999\",", "\"type\":\"text\",", "\"field\":\"messages\",", "\"entry\":[],",
        "\"messages\":[{}],", "\"timestamp\":\"1\",", "\"from\":\"\",", "\"object\":\"page\",",
    ];

    private static readonly (string From, string To)[] Renames =
    [
        ("\"messages\"", "\"statuses\""), ("\"text\"", "\"image\""), ("\"phone_number_id\"", "\"phone\\u005fnumber_id\""),
        ("\"id\"", "\"\\u0069d\""), ("\"type\"", "\"Type\""), ("\"wa_id\"", "\"user_id\""), ("\"field\"", "\"fields\""),
        ("\"messages\"", "\"user_preferences\""), ("\"contacts\"", "\"errors\""), ("\"value\"", "\"values\""),
    ];

    private static readonly byte[][] BadUtf8 =
        [[0xFF], [0xC3], [0xC3, 0x28], [0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x91], [0xFE, 0xFF]];

    private static readonly string[] StringPieces = ["a", " ", "\u00e9", "\u0645", "\U0001F44D", "\\n", "\\u00e9", "\\ud83d\\udc4d", "\\\"", "\\\\"];

    public static byte[] Mutate(byte[] source, Random random, out string description)
    {
        var body = source;
        var steps = random.Next(3) == 0 ? 2 : 1;
        var applied = new List<string>(steps);
        for (var i = 0; i < steps; i++)
        {
            var kind = random.Next(3) == 0 ? ByteKinds[random.Next(ByteKinds.Length)] : StructuralKinds[random.Next(StructuralKinds.Length)];
            body = Apply(kind, body, random);
            applied.Add(kind);
        }

        description = string.Join('+', applied);
        return body;
    }

    private static byte[] Apply(string kind, byte[] body, Random random)
    {
        if (body.Length == 0)
        {
            return body;
        }

        var at = random.Next(body.Length);
        switch (kind)
        {
            case "flip-bit":
                body = (byte[])body.Clone();
                body[at] ^= (byte)(1 << random.Next(8));
                return body;
            case "random-byte":
                body = (byte[])body.Clone();
                body[at] = (byte)random.Next(256);
                return body;
            case "truncate":
                return body[..at];
            case "delete-span":
                return Splice(body, at, random.Next(Math.Min(64, body.Length - at) + 1), []);
            case "duplicate-span":
                var length = random.Next(Math.Min(512, body.Length - at) + 1);
                return Splice(body, random.Next(body.Length + 1), 0, body.AsSpan(at, length).ToArray());
            case "swap-value":
                return ReplaceValue(body, random, Encoding.UTF8.GetBytes(Values[random.Next(Values.Length)]));
            case "deep-nesting":
                int[] depths = [15, 16, 17, 63, 64, 65, 1_000, 100_000];
                var depth = depths[random.Next(depths.Length)];
                var balanced = random.Next(4) != 0;
                return ReplaceValue(body, random, Encoding.UTF8.GetBytes(new string('[', depth) + (balanced ? new string(']', depth) : "")));
            case "huge-string":
                // A random 1 KB chunk, repeated up to 64 KB: the escapes and multi-byte pieces stay, the cost goes.
                // (Bodies of megabytes are tested on their own: RoutingTests, BrokenPayloadTests.)
                var chunk = new StringBuilder();
                while (chunk.Length < 1_024)
                {
                    chunk.Append(StringPieces[random.Next(StringPieces.Length)]);
                }

                var text = string.Concat(Enumerable.Repeat(chunk.ToString(), random.Next(1, 64)));
                return ReplaceValue(body, random, Encoding.UTF8.GetBytes($"\"{text}\""));
            case "huge-number":
                return ReplaceValue(body, random, Encoding.UTF8.GetBytes("1" + new string('9', random.Next(20, 20_000)) + (random.Next(2) == 0 ? "" : ".5e9999")));
            case "invalid-utf8":
                return Splice(body, at, 0, BadUtf8[random.Next(BadUtf8.Length)]);
            case "insert-escape":
                var quote = Array.IndexOf(body, (byte)'"', at);
                return Splice(body, quote < 0 ? at : quote + 1, 0, Encoding.UTF8.GetBytes(Escapes[random.Next(Escapes.Length)]));
            case "duplicate-key":
                var brace = Array.IndexOf(body, (byte)'{', at);
                return brace < 0 ? body : Splice(body, brace + 1, 0, Encoding.UTF8.GetBytes(Keys[random.Next(Keys.Length)]));
            case "rename-key":
                var (from, to) = Renames[random.Next(Renames.Length)];
                var found = body.AsSpan(at).IndexOf(Encoding.UTF8.GetBytes(from));
                return found < 0 ? body : Splice(body, at + found, from.Length, Encoding.UTF8.GetBytes(to));
            default:
                body = (byte[])body.Clone();
                var bracket = body.AsSpan(at).IndexOfAny("{}[]"u8);
                if (bracket >= 0)
                {
                    body[at + bracket] = body[at + bracket] switch { (byte)'{' => (byte)'[', (byte)'[' => (byte)'{', (byte)'}' => (byte)']', _ => (byte)'}' };
                }

                return body;
        }
    }

    /// <summary>Replaces the value after a random property colon with <paramref name="value"/>.</summary>
    private static byte[] ReplaceValue(byte[] body, Random random, byte[] value)
    {
        var colon = Array.IndexOf(body, (byte)':', random.Next(body.Length));
        if (colon < 0)
        {
            colon = Array.IndexOf(body, (byte)':');
        }

        if (colon < 0)
        {
            return Splice(body, random.Next(body.Length + 1), 0, value);
        }

        var start = colon + 1;
        while (start < body.Length && body[start] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            start++;
        }

        return Splice(body, start, ValueLength(body, start), value);
    }

    private static int ValueLength(byte[] body, int start)
    {
        var i = start;
        if (i >= body.Length)
        {
            return 0;
        }

        if (body[i] == '"')
        {
            for (i++; i < body.Length && body[i] != '"'; i++)
            {
                if (body[i] == '\\')
                {
                    i++;
                }
            }

            return Math.Min(i + 1, body.Length) - start;
        }

        if (body[i] is (byte)'{' or (byte)'[')
        {
            var depth = 0;
            var inString = false;
            for (; i < body.Length; i++)
            {
                var b = body[i];
                if (inString)
                {
                    if (b == '\\')
                    {
                        i++;
                    }
                    else if (b == '"')
                    {
                        inString = false;
                    }
                }
                else if (b == '"')
                {
                    inString = true;
                }
                else if (b is (byte)'{' or (byte)'[')
                {
                    depth++;
                }
                else if (b is (byte)'}' or (byte)']' && --depth == 0)
                {
                    return i + 1 - start;
                }
            }

            return body.Length - start;
        }

        while (i < body.Length && body[i] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\n'))
        {
            i++;
        }

        return i - start;
    }

    private static byte[] Splice(byte[] body, int at, int remove, byte[] insert)
    {
        at = Math.Clamp(at, 0, body.Length);
        remove = Math.Clamp(remove, 0, body.Length - at);
        var result = new byte[body.Length - remove + insert.Length];
        body.AsSpan(0, at).CopyTo(result);
        insert.CopyTo(result.AsSpan(at));
        body.AsSpan(at + remove).CopyTo(result.AsSpan(at + insert.Length));
        return result;
    }
}
