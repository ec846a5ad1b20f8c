using System.Security.Cryptography;

namespace PesanAI.Bench;

/// <summary>One inbound text message as Meta reports it.</summary>
internal sealed record MessageRow(string Wamid, string WaId, string ProfileName, string Text, long SentAtUnix);

/// <summary>One POST: the exact bytes, their signature, and the messages inside (the baseline stores the same).</summary>
internal sealed record Delivery(byte[] Body, string Signature, IReadOnlyList<MessageRow> Messages);

/// <summary>
/// Builds the POSTs before a phase starts, so the senders only send: new wamids each, customers drawn
/// uniformly from a fixed set of wa_ids (many conversations, each written to again and again), bodies
/// signed with HMAC-SHA256 over their exact bytes as Meta signs them.
/// </summary>
internal sealed class Workload(BenchTenant tenant, int customers, int seed)
{
    private static readonly string[] Texts =
    [
        "Halo kak, kopi susu gula aren masih ada?",
        "Pesan 2 es kopi susu, diantar ke Jl. Merdeka 17 ya",
        "Terima kasih 👍",
        "Kak, jam buka hari Minggu sampai jam berapa? Mau ambil pesanan sore.",
        "Boleh minta daftar harga terbaru dan promo bulan ini? Saya mau pesan untuk acara kantor sekitar 40 orang, bisa dikirim hari Jumat pagi?",
        "ok",
    ];

    private readonly Random _random = new(seed);
    private readonly string[] _waIds = [.. Enumerable.Range(0, customers).Select(i => "628" + (1_100_000_000L + (i * 7_919L)).ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public Delivery[] Create(int posts, int messagesPerPost)
    {
        var deliveries = new Delivery[posts];
        var sentAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (var p = 0; p < posts; p++)
        {
            var messages = new MessageRow[messagesPerPost];
            for (var m = 0; m < messagesPerPost; m++)
            {
                var customer = _random.Next(_waIds.Length);
                messages[m] = new MessageRow(
                    "wamid.HBgL" + Guid.NewGuid().ToString("N").ToUpperInvariant(),
                    _waIds[customer],
                    "Pelanggan " + customer.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Texts[_random.Next(Texts.Length)],
                    sentAt);
            }

            var body = MetaWebhook.Messages(tenant.PhoneNumberId, messages);
            deliveries[p] = new Delivery(body, Sign(body), messages);
        }

        return deliveries;
    }

    public string Sign(byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(tenant.AppSecret, body));

    /// <summary>How many distinct customers a set of deliveries writes as.</summary>
    public static int CustomersIn(IEnumerable<Delivery> deliveries) =>
        deliveries.SelectMany(d => d.Messages).Select(m => m.WaId).Distinct(StringComparer.Ordinal).Count();
}
