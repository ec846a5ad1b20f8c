using Marten;
using Mediator;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Media;

namespace PesanAI.Application.Media;

/// <summary>
/// Lists a customer's media message for fetching, after the message committed (the media feed sends this; intake
/// never waits for it). Idempotent: the media id comes from the tenant and the wamid, so a feed that runs a page
/// again, or a redelivered webhook, registers nothing twice.
/// </summary>
public sealed record RegisterInboundMedia(Guid TenantId, MessageReceived Received) : ICommand;

public sealed class RegisterInboundMediaHandler(IDocumentStore store, IMediaFetchQueue queue, TimeProvider clock) : ICommandHandler<RegisterInboundMedia>
{
    /// <summary>Meta keeps the media id of an inbound message for about 7 days; the bytes can be fetched until then.</summary>
    public static readonly TimeSpan MetaIdLifetime = TimeSpan.FromDays(7);

    public async ValueTask<Unit> Handle(RegisterInboundMedia command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (received, media) = (command.Received, command.Received.Content.Media);
        if (media is null || string.IsNullOrEmpty(media.MediaId))
        {
            return Unit.Value;
        }

        var id = MediaIds.Inbound(received.Wamid);
        await using var session = store.LightweightSession(command.TenantId.ToString());
        var existing = await session.LoadAsync<MediaItem>(id, cancellationToken);
        var conversation = existing is null ? await session.LoadAsync<Conversation>(received.ConversationId, cancellationToken) : null;
        if (existing is { State: not MediaState.Pending } || (existing is null && conversation is null))
        {
            return Unit.Value;
        }

        var now = clock.GetUtcNow();
        if (existing is null)
        {
            session.Store(new MediaItem(id, MediaOrigin.Inbound, received.Content.Type, media.MimeType, now)
            {
                State = MediaState.Pending,
                ConversationId = received.ConversationId,
                Wamid = received.Wamid,
                PhoneNumberId = conversation!.PhoneNumberId,
                MetaMediaId = media.MediaId,
                FetchableUntil = received.ReceivedAt + MetaIdLifetime,
                AnnouncedSha256 = media.Sha256,
                Caption = media.Caption,
                Filename = media.Filename,
                Voice = media.Voice,
            });
        }

        // Again for a pending item: a crash between the two commits of an earlier run must not leave it unlisted.
        queue.Schedule(session, command.TenantId, id, now);
        await session.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    /// <summary>Whether a received message carries media to fetch.</summary>
    public static bool Carries(MessageReceived received) =>
        received.Content.Media is { MediaId.Length: > 0 } && MediaLimits.IsMediaType(received.Content.Type);
}
