namespace PesanAI.CloudApiEmulator.Numbers;

/// <summary>A business phone number as the admin endpoints show it (tokens and secrets included: it is a test double).</summary>
public sealed record BusinessNumber(
    string PhoneNumberId,
    string DisplayPhoneNumber,
    string WabaId,
    string AccessToken,
    string? AppSecret,
    int ThroughputPerSecond);
