using System.Collections.Immutable;
using PesanAI.Application.Audit;
using PesanAI.Application.Consent;
using PesanAI.Application.Conversations;
using PesanAI.Application.Inbound;
using PesanAI.Application.Knowledge;
using PesanAI.Application.Templates;
using PesanAI.Domain.Automation;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Knowledge;
using PesanAI.Domain.Messaging;
using PesanAI.Domain.Tenants;

namespace PesanAI.FunctionalTests.Mapping;

/// <summary>Every domain type the API returns, with every member set to a value that is not its default (plus sparse twins).</summary>
internal static class MappingSamples
{
    public static readonly DateTimeOffset At = new(2026, 11, 24, 8, 30, 0, 123, TimeSpan.Zero);

    private static readonly Guid TenantId = Guid.Parse("0192f000-0000-7000-8000-000000000001");
    private static readonly Guid MemberId = Guid.Parse("0192f000-0000-7000-8000-000000000002");
    private static readonly Guid CustomerId = Guid.Parse("0192f000-0000-7000-8000-000000000003");
    private static readonly Guid ConversationId = Guid.Parse("0192f000-0000-7000-8000-000000000004");
    private static readonly Guid EntryId = Guid.Parse("0192f000-0000-7000-8000-000000000005");
    private static readonly Guid TemplateStreamId = Guid.Parse("0192f000-0000-7000-8000-0000000000f1");
    private static readonly Guid MessageId = Guid.Parse("0192f000-0000-7000-8000-000000000006");
    private static readonly Guid ParkedId = Guid.Parse("0192f000-0000-7000-8000-000000000007");
    private static readonly Guid RawWebhookId = Guid.Parse("0192f000-0000-7000-8000-000000000008");

    public static TeamMember Member { get; } = new(MemberId, "Ani", "ani@toko.example", MemberRole.Agent, At);

    public static Credential RevokedCredential { get; } = new("client-1", CredentialKind.Member, MemberId, ["messages.send", "conversations.read"], "Ani's key", At)
    {
        RevokedAt = At.AddDays(1),
    };

    public static Credential ApplicationCredential { get; } = new("client-2", CredentialKind.Application, null, [], "backend", At);

    public static AiSettings Ai { get; } = new(
        Enabled: true,
        AiProvider.OpenAiCompatible,
        "https://ai.example/v1",
        "model-x",
        "cipher-api-key",
        "friendly",
        321,
        ["id", "en"],
        ["human", "manusia"],
        0.7,
        4,
        new BusinessHours("Asia/Jakarta", [new OpeningHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 30)), new OpeningHours(DayOfWeek.Sunday, new TimeOnly(10, 15), new TimeOnly(12, 0))], "away"),
        AllowExternalProcessing: true,
        Redact: true,
        ProviderFailure.HandOff,
        "cannot read that",
        TimeSpan.FromMilliseconds(12_345));

    /// <summary>A number's health with every field set (the fully populated tenant's numbers share it).</summary>
    public static NumberHealth FullHealth { get; } = new()
    {
        QualityRating = "YELLOW",
        QualityUpdatedAt = At.AddMinutes(2),
        ThroughputLevel = "STANDARD",
        ThroughputUpdatedAt = At.AddMinutes(3),
        SharedWithBusinessApp = true,
        Flagged = true,
        NameStatus = "APPROVED",
        Status = "CONNECTED",
        CheckedAt = At.AddMinutes(4),
        CheckFailure = "META_UNREACHABLE",
        LastEvent = "FLAGGED",
        LastEventAt = At.AddMinutes(5),
    };

    public static AccountHealth FullAccount(string wabaId) => new(wabaId)
    {
        MessagingLimitTier = "TIER_2K",
        MessagingLimitUpdatedAt = At.AddMinutes(6),
        Restrictions = [new AccountRestriction(AccountRestriction.BusinessInitiated, At.AddDays(3))],
        RestrictionsUpdatedAt = At.AddMinutes(7),
        BanState = "SCHEDULE_FOR_DISABLE",
        BanStateUpdatedAt = At.AddMinutes(8),
        LastViolation = "SPAM",
        LastViolationAt = At.AddMinutes(9),
    };

    public static Tenant Tenant { get; } = new(
        TenantId,
        "Toko",
        "Asia/Jakarta",
        "id",
        TenantStatus.Suspended,
        "unpaid",
        new BusinessProfile("about", "desc", "addr", "a@b.example", ["https://a.example", "https://b.example"], "RETAIL"),
        ImmutableList.Create(
            new RegisteredPhoneNumber("123", "+6281234567890", "456", "cipher-token", "cipher-secret", "hash", "Sales", At)
            {
                TokenRejectedAt = At,
                Health = FullHealth,
            },
            new RegisteredPhoneNumber("124", "+6281234567891", "457", "cipher-token2", "cipher-secret2", "hash2", "Support", At.AddMinutes(1)) { Health = FullHealth }),
        At,
        At.AddHours(1))
    {
        Version = 7,
        Members = [Member],
        Credentials = [RevokedCredential],
        Ai = Ai,
        ConsentKeywords = new ConsentKeywordSettings(["STOP", "BERHENTI"], ["START"], "bye", "welcome"),
        Accounts =
        [
            FullAccount("456"),
            FullAccount("457"),
        ],
    };

    /// <summary>A new tenant: active, no reason, empty profile, no numbers, default AI and keyword settings.</summary>
    public static Tenant NewTenant { get; } = new(TenantId, "Baru", "UTC", "en", TenantStatus.Active, null, BusinessProfile.Empty, [], At, At) { Version = 1 };

    public static RecordedEvent Recorded { get; } = new(42, EntryId, ConversationId, 3, "member_added", """{"a":1}""", At, "cred-1", "member-1", "corr", "cause");

    public static RecordedEvent SparseRecorded { get; } = new(43, EntryId, ConversationId, 4, "member_added", "{}", At, "cred-2", null, null, null);

    public static DataAccessPage DataAccess { get; } = new(
        TenantId,
        [
            new ListedDataAccess(new DataAccessEntry(EntryId, "cred", "member-1", "auditor", "op", "member", ["m1", "m2"], "support", "10.0.0.1", At), 7),
            new ListedDataAccess(new DataAccessEntry(MessageId, "cred", null, "retired-role", "op", "conversation", [], null, null, At), 8),
            new ListedDataAccess(new DataAccessEntry(MessageId, "cred", null, null, "op", "conversation", ["c"], null, null, At), 9),
        ],
        "next");

    public static ConsentRecord Ledger { get; } = new(CustomerId, new CustomerIdentity("6281", "ID.user", "Budi"), At, At.AddHours(2))
    {
        Version = 5,
        Marketing = new PurposeConsent(ConsentPurpose.Marketing, ConsentStatus.OptedOut, ConsentSource.Keyword, "STOP", At, At.AddMinutes(1), AllPurposes: true),
        Utility = new PurposeConsent(ConsentPurpose.Utility, ConsentStatus.OptedIn, ConsentSource.WebForm, null, At, At.AddMinutes(2)),
    };

    public static ConsentView ConsentView { get; } = new(TenantId, CustomerId, Ledger.Customer, Ledger);

    public static ConsentView NoConsent { get; } = new(TenantId, CustomerId, new CustomerIdentity(null, "ID.user"), null);

    public static ConsentChange Change { get; } = new(3, ConsentStatus.OptedIn, ConsentPurpose.Automation, false, ConsentSource.UserPreferences, "form-7", At, At.AddSeconds(1), "member-1");

    public static ConsentChange SparseChange { get; } = new(4, ConsentStatus.OptedOut, null, true, ConsentSource.WhatsApp, null, At, At, null);

    public static Conversation Conversation { get; } = new(
        ConversationId, TenantId, "123", CustomerId, new CustomerIdentity("6281", "ID.user", "Budi"), ConversationState.Closed, Handler.Human,
        MemberId, At, At.AddHours(3), At.AddHours(1), At.AddHours(2), 9, 2)
    {
        Version = 11,
        Labels = ["order", "vip"],
    };

    public static Conversation SparseConversation { get; } = new(
        ConversationId, TenantId, "123", CustomerId, new CustomerIdentity(null, null), ConversationState.Open, Handler.Automation,
        null, At, At, null, null, 0, 0);

    private static MessageRecord Message(MessageContent content) => new(
        "wamid.1", ConversationId, MessageDirection.Outbound, content,
        new MessageContext("wamid.0", "6281", true, true, "cat", "sku"),
        new AdReferral("https://ad.example", "ad-1", "ad", "Head", "Body", "image", "https://i.example", "https://v.example", "https://t.example", "clid", "hi"),
        At, At.AddSeconds(2))
    {
        Status = DeliveryStatus.Read,
        StatusAt = At.AddMinutes(5),
        Errors = [new MessageError(131047, "Re-engagement message", "more than 24 hours", "details"), new MessageError(1, "t")],
        Wamid = "wamid.1",
        MessageId = MessageId,
        Origin = MessageOrigin.Ai,
        SendState = SendState.Accepted,
        Attempts = 2,
        RequestId = "req-1",
        SendNote = "note",
    };

    public static IReadOnlyDictionary<string, MessageRecord> Messages { get; } = new Dictionary<string, MessageRecord>
    {
        ["text"] = Message(MessageContent.OfText("halo")),
        ["media"] = Message(new MessageContent("image") { Media = new MediaContent("media-1", "image/jpeg", "abc", "cap", "f.jpg", true, true, "https://u.example") { StoredMediaId = "0192f000-0000-7000-8000-000000000009" } }),
        ["location"] = Message(new MessageContent("location") { Location = new LocationContent(-6.2, 106.8, "Monas", "Jakarta", "https://m.example") }),
        ["contacts"] = Message(new MessageContent("contacts")
        {
            Contacts = [new ContactCard("Budi", [new ContactPhone("+6281", "6281", "CELL"), new ContactPhone("+6282")], ["b@x.example"], "Org", "1990-01-01")],
        }),
        ["interactive"] = Message(new MessageContent("interactive") { Interactive = new InteractiveReply("nfm_reply", "id-1", "Title", "Desc", "flow", "{}") }),
        ["button"] = Message(new MessageContent("button") { Button = new ButtonReply("payload", "Yes") }),
        ["reaction"] = Message(new MessageContent("reaction") { Reaction = new ReactionContent("wamid.0", "👍") }),
        ["order"] = Message(new MessageContent("order") { Order = new OrderContent("cat", "please", [new OrderItem("sku-1", 2, 12500.50m, "IDR"), new OrderItem("sku-2", 1, 3m, "IDR")]) }),
        ["system"] = Message(new MessageContent("system") { System = new SystemNotice("user_changed_number", "changed", "6289", "ID.42") }),
        ["raw"] = Message(new MessageContent("unsupported") { RawJson = """{"x":1}""" }),
        ["sparse-inbound"] = new MessageRecord("wamid.in", ConversationId, MessageDirection.Inbound, new MessageContent("reaction") { Reaction = new ReactionContent("wamid.0", null) }, null, null, At, At),
        ["sparse-outbound"] = new MessageRecord(MessageId.ToString(), ConversationId, MessageDirection.Outbound, new MessageContent("request_welcome"), new MessageContext(), null, At, At)
        {
            Errors = [new MessageError(2, "x")],
        },
    };

    public static KnowledgeEntry Entry { get; } = new(EntryId, "Jam buka?", "09:00", ["hours", "store"], "id", At, At.AddDays(1)) { Alternatives = ["What time do you open?"] };

    public static UpsertedEntry Upserted { get; } = new(Entry, UpsertOutcome.Updated, 12);

    public static KnowledgeEntryPage EntryPage { get; } = new([Entry, Entry with { Id = MessageId, Tags = [] }], "next", 40, 12);

    public static ImportResult Import { get; } = new([EntryId, MessageId], 1, 2, 3, 13);

    public static KnowledgeReply Reply { get; } = new(new ReplyDecision(ReplyKind.Reply, "matched", [EntryId], 0.83), "09:00", 14)
    {
        Candidates = [new ConsideredCandidate(EntryId, "Jam buka?", 0.72, 0.9, 0.8)],
        Explanation = "Answered with \"Jam buka?\".",
    };

    public static KnowledgeReply HandOff { get; } = new(new ReplyDecision(ReplyKind.HandOff, "no match", [], 0.1), null, 14);

    public static MessageTemplate Template { get; } = new(
        TemplateStreamId, "123/order_update/id", "123", "456", "order_update", "id", TemplateCategory.Utility, TemplateParameterFormat.Positional,
        [
            new TemplateComponent("HEADER", "TEXT", "Order {{1}}"), new TemplateComponent("BODY", null, "Hi {{1}}, {{2}}"), new TemplateComponent("FOOTER", null, null),
            new TemplateComponent("BUTTONS", null, null)
            {
                Buttons = [new TemplateButton("URL", "Track", "https://shop.example/t/{{1}}"), new TemplateButton("PHONE_NUMBER", "Call", PhoneNumber: "+62211234")],
            },
        ],
        TemplateStatus.Rejected, "meta-9", "INVALID_FORMAT", TemplateQuality.Yellow, At, At.AddHours(1))
    {
        UpcomingCategory = TemplateCategory.Marketing,
        UpcomingCategoryAt = At.AddDays(1),
    };

    public static MessageTemplate NamedTemplate { get; } = Template with
    {
        ParameterFormat = TemplateParameterFormat.Named,
        Components = [new TemplateComponent("HEADER", "IMAGE", null), new TemplateComponent("BODY", null, "Hi {{name}}, order {{order_id}}")],
        UpcomingCategory = null,
        UpcomingCategoryAt = null,
    };

    public static TemplateSyncResult Sync { get; } = new(new TemplateImportResult(2, 1, 3, 1, 1), [Template]);

    public static MessageTemplate PendingTemplate { get; } = Template with { Status = TemplateStatus.Pending, MetaTemplateId = null, Reason = null, Category = TemplateCategory.Marketing, Components = [] };

    public static InboundBacklogReport Backlog { get; } = new(new InboundBacklog(3, 4096, At), TimeSpan.FromSeconds(12.5), 2, At.AddSeconds(12.5));

    public static InboundBacklogReport EmptyBacklog { get; } = new(new InboundBacklog(0, 0, null), TimeSpan.Zero, 0, At);

    public static ParkedWebhookSummary Parked { get; } = new()
    {
        Id = ParkedId,
        RawWebhookId = RawWebhookId,
        ParkedAt = At,
        Items = [new ParkedItem(TenantId, "123", "message", "wamid.1", "PostgreSQL 22023"), new ParkedItem(TenantId, "123", "status", "wamid.2 delivered", "PostgreSQL 22023")],
        BodyBytes = 2048,
        ReplayedAt = At.AddHours(1),
    };

    public static ParkedWebhookSummary ParkedWhole { get; } = Parked with { Items = [new ParkedItem(null, null, "webhook", null, "PostgreSQL 40001 (after 5 attempts)")], ReplayedAt = null };
}
