namespace PesanAI.CloudApiEmulator;

/// <summary>How the emulator behaves. Bound from the configuration section <c>Emulator</c> by Program.cs.</summary>
public sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    /// <summary>Where Kestrel listens; <c>http://127.0.0.1:0</c> takes a free port (see <see cref="EmulatorHost.StartAsync"/>).</summary>
    public string Url { get; set; } = "http://127.0.0.1:5300";

    /// <summary>PesanAI's <c>POST /webhooks/whatsapp</c>. Without it no webhook is posted.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The Meta app secret that signs webhooks, unless a number has its own.</summary>
    public string AppSecret { get; set; } = "emulator-dev-app-secret";

    /// <summary>Time from accepting a send to its <c>sent</c> status (and to <c>failed</c>).</summary>
    public TimeSpan SentDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Time from accepting a send to its <c>delivered</c> status.</summary>
    public TimeSpan DeliveredDelay { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Time from accepting a send to its <c>read</c> status.</summary>
    public TimeSpan ReadDelay { get; set; } = TimeSpan.FromMilliseconds(60);

    /// <summary>Customers with read receipts off never send <c>read</c>.</summary>
    public bool SendReadStatus { get; set; } = true;

    /// <summary>Meta's default per number; a number may set its own.</summary>
    public int ThroughputPerSecond { get; set; } = 80;

    /// <summary>Messages one number may send one customer at once before the pair rate applies.</summary>
    public int PairBurst { get; set; } = 10;

    /// <summary>After the burst, one message per interval to the same customer.</summary>
    public TimeSpan PairInterval { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Zero approves a new template right after answering its creation.</summary>
    public TimeSpan TemplateReviewDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long a media id from a customer's message stays valid (Meta: 7 days).</summary>
    public TimeSpan InboundMediaLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long an id from <c>POST /{phone-number-id}/media</c> stays valid (Meta: 30 days).</summary>
    public TimeSpan UploadedMediaLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a download URL from <c>GET /{media-id}</c> (or an inbound webhook) works (Meta: 5 minutes).</summary>
    public TimeSpan MediaUrlLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public FaultOptions Faults { get; set; } = new();

    public WebhookDeliveryOptions Delivery { get; set; } = new();

    /// <summary>Business numbers that exist from the start.</summary>
    public IList<NumberSeed> Numbers { get; init; } = [];
}
