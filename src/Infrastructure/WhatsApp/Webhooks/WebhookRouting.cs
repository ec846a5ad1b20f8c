using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>
/// The ids a webhook names, read BEFORE its signature is checked (to find the app secret to check it with).
/// <see cref="PhoneNumberIds"/> are every <c>entry[].changes[].value.metadata.phone_number_id</c>;
/// <see cref="WabaIds"/> every <c>entry[].id</c> (fields without metadata, such as template status
/// updates, route by those). Distinct, in order of first appearance.
/// </summary>
public sealed record WebhookRoutingKeys(IReadOnlyList<string> PhoneNumberIds, IReadOnlyList<string> WabaIds);

/// <summary>
/// Reads <see cref="WebhookRoutingKeys"/> from an untrusted, unverified body in one forward pass: no
/// document, depth at most <see cref="MaxDepth"/>, ids short and few, memory bounded whatever the nesting.
/// Every occurrence of a key counts (duplicate properties included), so the verified parse
/// (<see cref="WebhookPayload"/>, which refuses duplicates) can only name ids this read returned.
/// </summary>
public static class WebhookRouting
{
    /// <summary>Meta's deepest documented payload nests 12 levels (a shared contact's address).</summary>
    public const int MaxDepth = 16;

    public const int MaxIds = 1000;

    /// <summary>Bytes of an id as written (escapes included); Meta's ids are 15-20 digits.</summary>
    public const int MaxIdBytes = 128;

    /// <summary>What <see cref="ScanPhoneNumberIds"/> takes for an id.</summary>
    private static readonly System.Buffers.SearchValues<byte> IdBytes =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._-"u8);

    private enum Frame : byte
    {
        Other,
        Root,
        EntryArray,
        Entry,
        ChangesArray,
        Change,
        Value,
        Metadata,
    }

    private enum Target : byte
    {
        None,
        PhoneNumberId,
        WabaId,
    }

    public static bool TryReadPhoneNumberIds(ReadOnlySpan<byte> body, out IReadOnlyList<string> ids)
    {
        var found = TryRead(body, out var keys);
        ids = found ? keys!.PhoneNumberIds : [];
        return found;
    }

    public static bool TryRead(ReadOnlySpan<byte> body, [NotNullWhen(true)] out WebhookRoutingKeys? keys)
    {
        keys = null;
        if (body.Length > WebhookPayload.MaxBodyBytes || !Utf8.IsValid(body))
        {
            return false;
        }

        var phoneNumberIds = new Ids();
        var wabaIds = new Ids();
        Span<Frame> frames = stackalloc Frame[MaxDepth + 1];
        var depth = 0;
        var child = Frame.Other;
        var target = Target.None;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (target != Target.None || depth >= frames.Length || (depth == 0 && reader.TokenType != JsonTokenType.StartObject))
                        {
                            return false;
                        }

                        frames[depth] = depth == 0 ? Frame.Root : Open(frames[depth - 1], child, reader.TokenType);
                        depth++;
                        child = Frame.Other;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        depth--;
                        break;
                    case JsonTokenType.PropertyName:
                        (child, target) = Property(frames[depth - 1], ref reader);
                        break;
                    case JsonTokenType.String when target != Target.None:
                        // An id with U+0000 is no id, and PostgreSQL could not even look it up (text refuses NUL).
                        if (reader.ValueSpan.Length > MaxIdBytes
                            || reader.GetString() is not { } id
                            || id.Contains('\0', StringComparison.Ordinal)
                            || !(target == Target.PhoneNumberId ? phoneNumberIds : wabaIds).TryAdd(id))
                        {
                            return false;
                        }

                        target = Target.None;
                        break;
                    default:
                        // A number, boolean or null where an id belongs cannot be routed; nor can a bare value.
                        if (target != Target.None || depth == 0)
                        {
                            return false;
                        }

                        child = Frame.Other;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // GetString on an escaped lone surrogate (\ud800): not text, so not an id.
            return false;
        }

        keys = new WebhookRoutingKeys(phoneNumberIds.ToList(), wabaIds.ToList());
        return true;
    }

    /// <summary>
    /// The phone_number_ids a body that <see cref="TryRead"/> refused (truncated, not UTF-8, not well-formed) appears to
    /// name: every <c>"phone_number_id":"&lt;id&gt;"</c> written plainly (ASCII letters, digits, <c>.</c>, <c>_</c>,
    /// <c>-</c>), at most <see cref="MaxIds"/>. Only candidates whose app secret may verify the signature, so that a
    /// malformed body its sender signed gets a 400 and an unsigned one a 401: nothing is routed by them.
    /// </summary>
    public static IReadOnlyList<string> ScanPhoneNumberIds(ReadOnlySpan<byte> body)
    {
        var ids = new Ids();
        var key = "\"phone_number_id\""u8;
        while (body.IndexOf(key) is var at and >= 0)
        {
            body = body[(at + key.Length)..].TrimStart(" \t\r\n"u8);
            if (body.IsEmpty || body[0] != (byte)':')
            {
                continue;
            }

            body = body[1..].TrimStart(" \t\r\n"u8);
            if (body.IsEmpty || body[0] != (byte)'"')
            {
                continue;
            }

            body = body[1..];
            var length = body.IndexOfAnyExcept(IdBytes);
            if (length is > 0 and <= MaxIdBytes && body[length] == (byte)'"' && !ids.TryAdd(System.Text.Encoding.ASCII.GetString(body[..length])))
            {
                break;
            }
        }

        return ids.ToList();
    }

    private static Frame Open(Frame parent, Frame child, JsonTokenType token) => (parent, token) switch
    {
        (Frame.EntryArray, JsonTokenType.StartObject) => Frame.Entry,
        (Frame.ChangesArray, JsonTokenType.StartObject) => Frame.Change,
        (_, JsonTokenType.StartArray) when child is Frame.EntryArray or Frame.ChangesArray => child,
        (_, JsonTokenType.StartObject) when child is Frame.Value or Frame.Metadata => child,
        _ => Frame.Other,
    };

    private static (Frame Child, Target Target) Property(Frame parent, ref Utf8JsonReader reader) => parent switch
    {
        Frame.Root when reader.ValueTextEquals("entry"u8) => (Frame.EntryArray, Target.None),
        Frame.Entry when reader.ValueTextEquals("changes"u8) => (Frame.ChangesArray, Target.None),
        Frame.Entry when reader.ValueTextEquals("id"u8) => (Frame.Other, Target.WabaId),
        Frame.Change when reader.ValueTextEquals("value"u8) => (Frame.Value, Target.None),
        Frame.Value when reader.ValueTextEquals("metadata"u8) => (Frame.Metadata, Target.None),
        Frame.Metadata when reader.ValueTextEquals("phone_number_id"u8) => (Frame.Other, Target.PhoneNumberId),
        _ => (Frame.Other, Target.None),
    };

    /// <summary>Distinct ids in order of first appearance, at most <see cref="MaxIds"/>.</summary>
    private sealed class Ids
    {
        private readonly List<string> _order = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public bool TryAdd(string id)
        {
            if (_seen.Add(id))
            {
                if (_order.Count == MaxIds)
                {
                    return false;
                }

                _order.Add(id);
            }

            return true;
        }

        public IReadOnlyList<string> ToList() => _order.ToArray();
    }
}
