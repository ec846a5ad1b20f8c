using PesanAI.Domain.Consent;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Knowledge;
using PesanAI.Domain.Tenants;

namespace PesanAI.Domain.UnitTests;

/// <summary>
/// The event types registered with the store come from the marker interfaces. A stored event whose type dropped out
/// could no longer be read, so every type that was ever registered stays in (new ones need no edit here).
/// </summary>
public sealed class EventTypeTests
{
    private static readonly string[] Streams = ["conversation", "tenant", "consent", "knowledge", "suggestion"];

    [Theory]
    [InlineData("conversation", "ConversationStarted MessageReceived MessageStatusChanged ConversationAssigned ConversationUnassigned ConversationHandedOff AutomationResumed ConversationLabelsSet ConversationClosed ConversationReopened MessageQueued SendAttempted MessageAccepted SendDeferred SendInDoubt MessageFailed ConversationMarkedRead AiReplied AiHandedOff AiSuppressed")]
    [InlineData("tenant", "TenantCreated BusinessProfileUpdated PhoneNumberRegistered PhoneNumberRemoved PhoneNumberTokenRejected TenantSuspended TenantReactivated MemberAdded MemberRoleChanged MemberRemoved CredentialCreated CredentialSecretRotated CredentialRevoked ConsentKeywordsConfigured AiSettingsConfigured TenantDeletionRequested TenantDeletionCancelled")]
    [InlineData("consent", "OptedIn OptedOut")]
    [InlineData("knowledge", "KnowledgeEntryUpserted KnowledgeEntryDeleted")]
    [InlineData("suggestion", "KnowledgeEntrySuggested KnowledgeSuggestionAccepted KnowledgeSuggestionRejected")]
    public void Every_stored_event_type_stays_registered(string stream, string stored)
    {
        var registered = Registered(stream).Select(t => t.Name).ToHashSet();

        Assert.Subset(registered, stored.Split(' ').ToHashSet());
    }

    [Fact]
    public void Each_event_type_belongs_to_one_kind_of_stream_and_is_a_sealed_record()
    {
        var all = Streams.SelectMany(Registered).ToList();

        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, t => Assert.True(t.IsSealed && t.GetMethod("<Clone>$") is not null, $"{t.Name} is not a sealed record"));
    }

    private static IReadOnlyList<Type> Registered(string stream) => stream switch
    {
        "conversation" => ConversationEventTypes.All,
        "tenant" => TenantEventTypes.All,
        "consent" => ConsentEventTypes.All,
        "suggestion" => KnowledgeSuggestionEventTypes.All,
        _ => KnowledgeEventTypes.All,
    };
}
