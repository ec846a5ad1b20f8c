using System.Text.Json;
using PesanAI.Domain.Conversations;
using static PesanAI.Domain.UnitTests.Conversations.ConversationHistory;

namespace PesanAI.Domain.UnitTests.Conversations;

public sealed class SerializationTests
{
    private const string Wamid = "wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjQ1RkE3QjdDRjY";

    // Version is set by the event store, not by Evolve; it must survive storage like the rest.
    private static Conversation Busy()
    {
        var state = Given(
            Received(sentAt: StartedAt, from: new CustomerIdentity("6281234567890", "ID.111", "Sari")),
            StatusChanged(DeliveryStatus.Read, Wamid),
            StatusChanged(DeliveryStatus.Failed, "wamid.out2"),
            new ConversationAssigned(ConversationId, AgentId, Now),
            new ConversationHandedOff(ConversationId, "Customer asks for a refund", Now),
            new ConversationLabelsSet(ConversationId, ["refund", "vip"], Now),
            new ConversationClosed(ConversationId, Now));

        // Version is set by the event store, not by Evolve; it must survive storage like the rest.
        return state with { Version = 8 };
    }

    [Fact]
    public void A_conversation_round_trips_as_Marten_stores_it()
    {
        var state = Busy();

        ConversationAssert.Equivalent(state, MartenJson.RoundTrip(state));
    }

    [Fact]
    public void Outbound_statuses_are_stored_under_their_exact_wamid_with_the_status_name()
    {
        using var json = JsonDocument.Parse(MartenJson.Serialize(Busy()));

        var statuses = json.RootElement.GetProperty("outboundStatuses");
        Assert.Equal("Read", statuses.GetProperty(Wamid).GetString());
        Assert.Equal("Failed", statuses.GetProperty("wamid.out2").GetString());
    }

    [Fact]
    public void A_started_conversation_without_labels_or_statuses_round_trips()
    {
        var state = Conversation.Start(Started);

        ConversationAssert.Equivalent(state, MartenJson.RoundTrip(state));
    }
}
