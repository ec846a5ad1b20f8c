using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace PesanAI.CloudApiEmulator.Numbers;

/// <summary>The business numbers, and the inbound wamids each was sent (mark-as-read accepts only those).</summary>
internal sealed class NumberRegistry(EmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, BusinessNumber> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Number, string Wamid), byte> _inbound = new();

    public IReadOnlyList<BusinessNumber> All => [.. _numbers.Values.OrderBy(n => n.PhoneNumberId, StringComparer.Ordinal)];

    /// <summary>Creates the number, or replaces the one with the same id (tests re-seed freely).</summary>
    public BusinessNumber Add(NumberSeed seed)
    {
        var number = new BusinessNumber(
            Blank(seed.PhoneNumberId) ?? Ids.Digits(15),
            Blank(seed.DisplayPhoneNumber) ?? "1555" + Ids.Digits(7),
            Blank(seed.WabaId) ?? Ids.Digits(15),
            Blank(seed.AccessToken) ?? Ids.AccessToken(),
            Blank(seed.AppSecret),
            seed.ThroughputPerSecond is > 0 and var rate ? rate : options.ThroughputPerSecond);
        _numbers[number.PhoneNumberId] = number;
        return number;
    }

    /// <summary>The number's throughput at Meta changed (its level): later sends are limited by the new rate.</summary>
    public BusinessNumber? SetThroughput(string phoneNumberId, int perSecond) =>
        _numbers.TryGetValue(phoneNumberId, out var number) ? _numbers[phoneNumberId] = number with { ThroughputPerSecond = perSecond } : null;

    public BusinessNumber? Find(string phoneNumberId) => _numbers.GetValueOrDefault(phoneNumberId);

    public IEnumerable<BusinessNumber> InWaba(string wabaId) => All.Where(n => n.WabaId == wabaId);

    public byte[] SigningSecret(BusinessNumber number) => Encoding.UTF8.GetBytes(number.AppSecret ?? options.AppSecret);

    /// <summary>Constant time, so the emulator does not teach a timing attack to whoever copies it.</summary>
    public static bool TokenMatches(BusinessNumber number, string? bearer) =>
        bearer is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(number.AccessToken), Encoding.UTF8.GetBytes(bearer));

    public void RecordInbound(string phoneNumberId, string wamid) => _inbound[(phoneNumberId, wamid)] = 0;

    public bool WasInbound(string phoneNumberId, string wamid) => _inbound.ContainsKey((phoneNumberId, wamid));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
