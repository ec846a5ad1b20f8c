namespace PesanAI.CloudApiEmulator;

/// <summary>A business number to create; anything left out is generated.</summary>
public sealed class NumberSeed
{
    public string? PhoneNumberId { get; set; }

    public string? DisplayPhoneNumber { get; set; }

    public string? WabaId { get; set; }

    public string? AccessToken { get; set; }

    /// <summary>Signs this number's webhooks instead of <see cref="EmulatorOptions.AppSecret"/>.</summary>
    public string? AppSecret { get; set; }

    public int? ThroughputPerSecond { get; set; }
}
