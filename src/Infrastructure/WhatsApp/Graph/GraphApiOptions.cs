namespace PesanAI.Infrastructure.WhatsApp.Graph;

/// <summary>Where Meta's Graph API is (by default the Cloud API emulator of `./pesanai up`).</summary>
public sealed record GraphApiOptions
{
    public const string DefaultBaseUrl = "http://127.0.0.1:5300/";

    public Uri BaseUrl { get; init; } = new(DefaultBaseUrl);

    public string Version { get; init; } = "v21.0";

    /// <summary>How long one call may take; a send that times out is in doubt, never repeated blindly.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
