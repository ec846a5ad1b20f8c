extern alias client;

using client::PesanAI.Protos.Audit.V1;
using client::PesanAI.Protos.Tenants.V1;
using Conv = client::PesanAI.Protos.Conversations.V1;
using Cons = client::PesanAI.Protos.Consent.V1;
using Auto = client::PesanAI.Protos.Automation.V1;
using Know = client::PesanAI.Protos.Knowledge.V1;
using Msg = client::PesanAI.Protos.Messaging.V1;
using Ops = client::PesanAI.Protos.Operations.V1;
using Med = client::PesanAI.Protos.Media.V1;
using Priv = client::PesanAI.Protos.Privacy.V1;
using Google.Protobuf;
using ProtoServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace PesanAI.FunctionalTests.Matrices;

/// <summary>Another tenant's resources, as the isolation matrix aims at them.</summary>
internal sealed record Target(string TenantId, string MemberId, string ClientId, string PhoneNumberId, string ConversationId, string CustomerWaId = "", string CustomerId = "", string Wamid = "", string KnowledgeEntryId = "", string OutboundMessageId = "", string MediaId = "", string SuggestionId = "");

/// <summary>
/// One entry per RPC: the policy (scope) it requires, a request naming the other tenant, and, where the RPC
/// addresses a resource inside a tenant, the same request without the tenant id (the caller's own tenant).
/// </summary>
/// <remarks>
/// <c>FiltersOnly</c>: the RPC names no tenant (the caller's own, from its token); another tenant's ids can
/// only be filters, so the isolation matrix expects OK with a reply that mentions none of them.
/// </remarks>
/// <remarks><c>Following</c>: for a client-streaming RPC, the messages sent after the first (an upload's chunks).</remarks>
/// <remarks>
/// <c>OwnerOrOperator</c>: the RPC acts on a tenant as a whole; of the callers whose scopes include the policy, only the
/// tenant's owner and the platform operator (whose token stands in for the policy) are allowed.
/// </remarks>
internal sealed record RpcEntry(
    string Policy,
    bool OperatorOnly,
    Func<Target, IMessage> Named,
    Func<Target, IMessage>? Unnamed = null,
    bool FiltersOnly = false,
    IReadOnlyList<IMessage>? Following = null,
    bool OwnerOrOperator = false);

/// <summary>The permission table of the README, RPC by RPC. An RPC without an entry fails the matrices.</summary>
internal static class RpcCatalog
{
    public const string Platform = "platform";

    public static IReadOnlyDictionary<string, RpcEntry> Entries { get; } = new Dictionary<string, RpcEntry>
    {
        ["pesanai.tenants.v1.TenantService/CreateTenant"] = new(Platform, true, _ => new CreateTenantRequest { DisplayName = "Penyusup" }),
        ["pesanai.tenants.v1.TenantService/ListTenants"] = new(Platform, true, _ => new ListTenantsRequest()),
        ["pesanai.tenants.v1.TenantService/SuspendTenant"] = new(Platform, true, t => new SuspendTenantRequest { Id = t.TenantId, Reason = "x" }),
        ["pesanai.tenants.v1.TenantService/ReactivateTenant"] = new(Platform, true, t => new ReactivateTenantRequest { Id = t.TenantId }),
        ["pesanai.operations.v1.InboundService/GetInboundBacklog"] = new(Platform, true, _ => new Ops.GetInboundBacklogRequest()),
        ["pesanai.operations.v1.InboundService/ListParkedWebhooks"] = new(Platform, true, _ => new Ops.ListParkedWebhooksRequest()),
        ["pesanai.operations.v1.InboundService/ReplayParkedWebhook"] = new(Platform, true, _ => new Ops.ReplayParkedWebhookRequest { ParkedWebhookId = Guid.NewGuid().ToString() }),
        ["pesanai.tenants.v1.TenantService/GetTenant"] = new("tenant.read", false, t => new GetTenantRequest { Id = t.TenantId }),
        ["pesanai.tenants.v1.TenantService/UpdateBusinessProfile"] = new("tenant.manage", false, t => new UpdateBusinessProfileRequest
        {
            TenantId = t.TenantId,
            BusinessProfile = new BusinessProfile { About = "hijacked" },
        }),
        ["pesanai.tenants.v1.TenantService/RegisterPhoneNumber"] = new(
            "tenant.manage",
            false,
            t => Registration(t.TenantId, TenantLifecycleTests.NewPhoneNumberId()),
            t => Registration(string.Empty, t.PhoneNumberId)),
        ["pesanai.tenants.v1.TenantService/RemovePhoneNumber"] = new(
            "tenant.manage",
            false,
            t => new RemovePhoneNumberRequest { TenantId = t.TenantId, PhoneNumberId = t.PhoneNumberId },
            t => new RemovePhoneNumberRequest { PhoneNumberId = t.PhoneNumberId }),
        ["pesanai.tenants.v1.TenantService/RefreshPhoneNumberHealth"] = new(
            "tenant.manage",
            false,
            t => new RefreshPhoneNumberHealthRequest { TenantId = t.TenantId, PhoneNumberId = t.PhoneNumberId },
            t => new RefreshPhoneNumberHealthRequest { PhoneNumberId = t.PhoneNumberId }),
        ["pesanai.tenants.v1.TenantService/AddMember"] = new("tenant.manage", false, t => new AddMemberRequest
        {
            TenantId = t.TenantId,
            DisplayName = "Penyusup",
            Email = "intruder@elsewhere.example",
            Role = MemberRole.Agent,
        }),
        ["pesanai.tenants.v1.TenantService/ChangeMemberRole"] = new(
            "tenant.manage",
            false,
            t => new ChangeMemberRoleRequest { TenantId = t.TenantId, MemberId = t.MemberId, Role = MemberRole.Auditor },
            t => new ChangeMemberRoleRequest { MemberId = t.MemberId, Role = MemberRole.Auditor }),
        ["pesanai.tenants.v1.TenantService/RemoveMember"] = new(
            "tenant.manage",
            false,
            t => new RemoveMemberRequest { TenantId = t.TenantId, MemberId = t.MemberId },
            t => new RemoveMemberRequest { MemberId = t.MemberId }),
        ["pesanai.tenants.v1.TenantService/ListMembers"] = new("tenant.read", false, t => new ListMembersRequest { TenantId = t.TenantId }),
        ["pesanai.tenants.v1.TenantService/CreateCredential"] = new(
            "tenant.manage",
            false,
            t => new CreateCredentialRequest { TenantId = t.TenantId, Kind = CredentialKind.Application, Scopes = { "tenant.read" }, DisplayName = "x" },
            t => new CreateCredentialRequest { Kind = CredentialKind.Member, MemberId = t.MemberId, DisplayName = "x" }),
        ["pesanai.tenants.v1.TenantService/ListCredentials"] = new("tenant.manage", false, t => new ListCredentialsRequest { TenantId = t.TenantId }),
        ["pesanai.tenants.v1.TenantService/RevokeCredential"] = new(
            "tenant.manage",
            false,
            t => new RevokeCredentialRequest { TenantId = t.TenantId, ClientId = t.ClientId },
            t => new RevokeCredentialRequest { ClientId = t.ClientId }),
        ["pesanai.tenants.v1.TenantService/RotateCredentialSecret"] = new(
            "tenant.manage",
            false,
            t => new RotateCredentialSecretRequest { TenantId = t.TenantId, ClientId = t.ClientId },
            t => new RotateCredentialSecretRequest { ClientId = t.ClientId }),
        ["pesanai.audit.v1.AuditService/ReplayEvents"] = new(
            "audit.read",
            false,
            t => new ReplayEventsRequest { StreamIds = { t.TenantId } },
            t => new ReplayEventsRequest { Actor = t.ClientId },
            FiltersOnly: true),
        ["pesanai.audit.v1.AuditService/ListDataAccess"] = new(
            "audit.read",
            false,
            t => new ListDataAccessRequest { ResourceId = t.MemberId },
            t => new ListDataAccessRequest { Actor = t.ClientId },
            FiltersOnly: true),
        ["pesanai.conversations.v1.ConversationService/ListConversations"] = new("conversations.read", false, t => new Conv.ListConversationsRequest { AssigneeId = t.MemberId }, FiltersOnly: true),
        ["pesanai.conversations.v1.ConversationService/GetConversation"] = new("conversations.read", false, t => new Conv.GetConversationRequest { ConversationId = t.ConversationId }),
        ["pesanai.conversations.v1.ConversationService/ListMessages"] = new("conversations.read", false, t => new Conv.ListMessagesRequest { ConversationId = t.ConversationId }),
        ["pesanai.conversations.v1.ConversationService/AssignConversation"] = new("conversations.manage", false, t => new Conv.AssignConversationRequest { ConversationId = t.ConversationId, MemberId = t.MemberId }),
        ["pesanai.conversations.v1.ConversationService/UnassignConversation"] = new("conversations.manage", false, t => new Conv.UnassignConversationRequest { ConversationId = t.ConversationId }),
        ["pesanai.conversations.v1.ConversationService/HandOffToHuman"] = new("conversations.manage", false, t => new Conv.HandOffToHumanRequest { ConversationId = t.ConversationId }),
        ["pesanai.conversations.v1.ConversationService/ResumeAutomation"] = new("conversations.manage", false, t => new Conv.ResumeAutomationRequest { ConversationId = t.ConversationId }),
        ["pesanai.conversations.v1.ConversationService/CloseConversation"] = new("conversations.manage", false, t => new Conv.CloseConversationRequest { ConversationId = t.ConversationId }),
        ["pesanai.conversations.v1.ConversationService/SetLabels"] = new("conversations.manage", false, t => new Conv.SetLabelsRequest { ConversationId = t.ConversationId, Labels = { "hijacked" } }),
        ["pesanai.conversations.v1.ConversationService/WatchConversations"] = new("conversations.read", false, _ => new Conv.WatchConversationsRequest(), FiltersOnly: true),

        // A wa_id names a person on WhatsApp, not a resource of tenant B: A may keep its own ledger for the same
        // number, so OK is right, as long as no reply carries B's customer id (customer ids are per tenant).
        ["pesanai.consent.v1.ConsentService/RecordOptIn"] = new("consent.manage", false, t => new Cons.RecordOptInRequest
        {
            WaId = t.CustomerWaId,
            Purpose = Cons.ConsentPurpose.Marketing,
            Source = Cons.ConsentSource.WebForm,
            Evidence = "https://elsewhere.example/form",
        }, FiltersOnly: true),
        ["pesanai.consent.v1.ConsentService/RecordOptOut"] = new("consent.manage", false, t => new Cons.RecordOptOutRequest
        {
            WaId = t.CustomerWaId,
            AllPurposes = true,
            Source = Cons.ConsentSource.Api,
        }, FiltersOnly: true),
        ["pesanai.consent.v1.ConsentService/GetConsent"] = new("conversations.read", false, t => new Cons.GetConsentRequest { WaId = t.CustomerWaId }, FiltersOnly: true),
        ["pesanai.consent.v1.ConsentService/ListConsentHistory"] = new("conversations.read", false, t => new Cons.ListConsentHistoryRequest { WaId = t.CustomerWaId }, FiltersOnly: true),
        ["pesanai.consent.v1.ConsentService/ListCustomers"] = new("conversations.read", false, _ => new Cons.ListCustomersRequest(), FiltersOnly: true),
        ["pesanai.consent.v1.ConsentService/GetConsentSettings"] = new("consent.manage", false, _ => new Cons.GetConsentSettingsRequest(), FiltersOnly: true),
        ["pesanai.consent.v1.ConsentService/UpdateConsentSettings"] = new("consent.manage", false, _ => new Cons.UpdateConsentSettingsRequest
        {
            Settings = new Cons.ConsentSettings { StopKeywords = { "HENTIKAN" } },
        }, FiltersOnly: true),

        // Sending names B's conversation, or B's number (not one of A's): NOT_FOUND either way.
        ["pesanai.messaging.v1.MessagingService/SendMessage"] = new(
            "messages.send",
            false,
            t => new Msg.SendMessageRequest { ConversationId = t.ConversationId, Text = new Msg.TextContent { Body = "dari A" } },
            t => new Msg.SendMessageRequest { PhoneNumberId = t.PhoneNumberId, To = t.CustomerWaId, Text = new Msg.TextContent { Body = "dari A" } }),
        ["pesanai.messaging.v1.MessagingService/MarkAsRead"] = new("messages.send", false, t => new Msg.MarkAsReadRequest { ConversationId = t.ConversationId }),
        ["pesanai.messaging.v1.MessagingService/ResolveInDoubt"] = new("messages.send", false, t => new Msg.ResolveInDoubtRequest
        {
            MessageId = t.OutboundMessageId,
            Resolution = Msg.InDoubtResolution.Resend,
            Note = "dari A",
        }),
        ["pesanai.messaging.v1.MessagingService/GetMessage"] = new("conversations.read", false, t => new Msg.GetMessageRequest { MessageId = t.Wamid }),
        ["pesanai.messaging.v1.TemplateService/RegisterTemplate"] = new("messages.send", false, t => new Msg.RegisterTemplateRequest
        {
            PhoneNumberId = t.PhoneNumberId,
            Name = "hijacked",
            Language = "id",
            Category = Msg.TemplateCategory.Utility,
            Components = { new Msg.TemplateComponent { Type = "BODY", Text = "Halo {{1}}" } },
        }),
        // The knowledge base names no tenant: B's entry ids are not in A's base (NOT_FOUND); lists, imports and dry
        // runs act on A's own base and must not mention B's entries.
        ["pesanai.knowledge.v1.KnowledgeService/UpsertEntry"] = new("knowledge.manage", false, t => new Know.UpsertEntryRequest
        {
            EntryId = t.KnowledgeEntryId,
            Question = "Dibajak?",
            Answer = "dari A",
        }),
        ["pesanai.knowledge.v1.KnowledgeService/DeleteEntry"] = new("knowledge.manage", false, t => new Know.DeleteEntryRequest { EntryId = t.KnowledgeEntryId }),
        ["pesanai.knowledge.v1.KnowledgeService/ListEntries"] = new("conversations.read", false, _ => new Know.ListEntriesRequest(), FiltersOnly: true),
        ["pesanai.knowledge.v1.KnowledgeService/ImportEntries"] = new("knowledge.manage", false, _ => new Know.ImportEntriesRequest
        {
            Entries = { new Know.ImportEntry { Question = "Milik siapa?", Answer = "Milik A" } },
        }, FiltersOnly: true),
        ["pesanai.knowledge.v1.KnowledgeService/TestReply"] = new("knowledge.manage", false, _ => new Know.TestReplyRequest { Text = "Jam buka toko B kapan?" }, FiltersOnly: true),

        // Suggestions name no tenant: B's ids are not A's (NOT_FOUND); the list shows A's own.
        ["pesanai.knowledge.v1.KnowledgeService/ListSuggestedEntries"] = new("knowledge.manage", false, _ => new Know.ListSuggestedEntriesRequest(), FiltersOnly: true),
        ["pesanai.knowledge.v1.KnowledgeService/AcceptSuggestion"] = new("knowledge.manage", false, t => new Know.AcceptSuggestionRequest { SuggestionId = SuggestionIdOr(t) }),
        ["pesanai.knowledge.v1.KnowledgeService/RejectSuggestion"] = new("knowledge.manage", false, t => new Know.RejectSuggestionRequest { SuggestionId = SuggestionIdOr(t) }),

        // Listing the templates of B's number names a number A does not own: NOT_FOUND, as sending on it is.
        ["pesanai.messaging.v1.TemplateService/ListTemplates"] = new("messages.send", false, t => new Msg.ListTemplatesRequest { PhoneNumberId = t.PhoneNumberId }),
        ["pesanai.messaging.v1.TemplateService/SyncTemplates"] = new("messages.send", false, t => new Msg.SyncTemplatesRequest { PhoneNumberId = t.PhoneNumberId }),

        ["pesanai.privacy.v1.PrivacyService/ExportCustomerData"] = new(
            "privacy.manage", false, t => new Priv.ExportCustomerDataRequest { WaId = t.CustomerWaId }, t => new Priv.ExportCustomerDataRequest { CustomerId = t.CustomerId }),
        ["pesanai.privacy.v1.PrivacyService/EraseCustomer"] = new(
            "privacy.manage",
            false,
            t => new Priv.EraseCustomerRequest { WaId = t.CustomerWaId, RequestId = "matrix" },
            t => new Priv.EraseCustomerRequest { CustomerId = t.CustomerId, RequestId = "matrix" }),
        ["pesanai.media.v1.MediaService/GetMedia"] = new("conversations.read", false, t => new Med.GetMediaRequest { MediaId = MediaIdOr(t) }),
        ["pesanai.media.v1.MediaService/ListMedia"] = new("conversations.read", false, t => new Med.ListMediaRequest { ConversationId = t.ConversationId }),
        ["pesanai.media.v1.MediaService/DeleteMedia"] = new("conversations.manage", false, t => new Med.DeleteMediaRequest { MediaId = MediaIdOr(t) }),

        // An upload goes to the caller's own tenant (from its token): no request names a tenant.
        ["pesanai.media.v1.MediaService/UploadMedia"] = new(
            "messages.send",
            false,
            _ => new Med.UploadMediaRequest { Metadata = new Med.UploadMediaMetadata { Type = Msg.MediaType.Image, MimeType = "image/png", Filename = "x.png", Size = 4 } },
            FiltersOnly: true,
            Following: [new Med.UploadMediaRequest { Chunk = ByteString.CopyFrom(1, 2, 3, 4) }]),

        // A tenant as a whole: its owner (own tenant) or the operator (naming it). Another tenant's id is NOT_FOUND.
        ["pesanai.privacy.v1.PrivacyService/ExportTenantData"] = new("privacy.manage", false, t => new Priv.ExportTenantDataRequest { TenantId = t.TenantId }, OwnerOrOperator: true),
        ["pesanai.privacy.v1.PrivacyService/DeleteTenant"] = new("privacy.manage", false, t => new Priv.DeleteTenantRequest { TenantId = t.TenantId, Reason = "x" }, OwnerOrOperator: true),
        ["pesanai.privacy.v1.PrivacyService/CancelTenantDeletion"] = new("privacy.manage", false, t => new Priv.CancelTenantDeletionRequest { TenantId = t.TenantId }, OwnerOrOperator: true),
        ["pesanai.privacy.v1.PrivacyService/GetTenantDeletion"] = new("privacy.manage", false, t => new Priv.GetTenantDeletionRequest { TenantId = t.TenantId }, OwnerOrOperator: true),

        // AI settings are the caller's own tenant's (from its token): no request names a tenant.
        ["pesanai.automation.v1.AutomationService/GetAiSettings"] = new("knowledge.manage", false, _ => new Auto.GetAiSettingsRequest(), FiltersOnly: true),
        ["pesanai.automation.v1.AutomationService/UpdateAiSettings"] = new("knowledge.manage", false, _ => new Auto.UpdateAiSettingsRequest
        {
            Settings = new Auto.AiSettings { Provider = Auto.AiProvider.Embedded, HandOffKeywords = { "agen" } },
        }, FiltersOnly: true),

        // Retention is the caller's own tenant's setting (from its token): no request names a tenant.
        ["pesanai.privacy.v1.PrivacyService/GetRetentionPolicy"] = new("privacy.manage", false, _ => new Priv.GetRetentionPolicyRequest(), FiltersOnly: true),
        ["pesanai.privacy.v1.PrivacyService/UpdateRetentionPolicy"] = new("privacy.manage", false, _ => new Priv.UpdateRetentionPolicyRequest
        {
            Policy = new Priv.RetentionPolicy { Media = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromDays(30)) },
        }, FiltersOnly: true),
    };

    /// <summary>Every method of every pesanai service the client stubs declare (what partners can call).</summary>
    public static IReadOnlyList<(string Service, string Method, bool ServerStreaming)> DeclaredMethods() =>
        typeof(TenantService).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("PesanAI.Protos", StringComparison.Ordinal) == true
                && t.GetProperty("Descriptor")?.PropertyType == typeof(ProtoServiceDescriptor))
            .Select(t => (ProtoServiceDescriptor)t.GetProperty("Descriptor")!.GetValue(null)!)
            .SelectMany(s => s.Methods.Select(m => (s.FullName, m.Name, m.IsServerStreaming)))
            .ToList();

    /// <summary>Whether the method takes a stream of requests (sent as several messages by the matrices).</summary>
    public static bool IsClientStreaming(string service, string method) =>
        typeof(TenantService).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("PesanAI.Protos", StringComparison.Ordinal) == true
                && t.GetProperty("Descriptor")?.PropertyType == typeof(ProtoServiceDescriptor))
            .Select(t => (ProtoServiceDescriptor)t.GetProperty("Descriptor")!.GetValue(null)!)
            .Single(s => s.FullName == service).FindMethodByName(method).IsClientStreaming;

    private static string MediaIdOr(Target target) => target.MediaId.Length > 0 ? target.MediaId : Guid.NewGuid().ToString();

    private static string SuggestionIdOr(Target target) => target.SuggestionId.Length > 0 ? target.SuggestionId : Guid.NewGuid().ToString();

    private static RegisterPhoneNumberRequest Registration(string tenantId, string phoneNumberId) =>
        TenantLifecycleTests.Registration(tenantId, phoneNumberId);
}
