using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using global::Grpc.Core;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Common;
using PesanAI.Application.Media;
using PesanAI.Host.Auth;
using Api = PesanAI.Protos.Media.V1;
using MediaType = PesanAI.Protos.Messaging.V1.MediaType;

namespace PesanAI.Host.Services;

/// <summary>pesanai.media.v1.MediaService: files stream through in chunks; none is held whole in memory.</summary>
public sealed class MediaGrpcService(ISender sender) : Api.MediaService.MediaServiceBase
{
    /// <summary>Bytes per chunk sent: well under gRPC's 4 MiB message limit, large enough to keep the stream busy.</summary>
    public const int ChunkSize = 64 * 1024;

    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task GetMedia(Api.GetMediaRequest request, IServerStreamWriter<Api.GetMediaResponse> responseStream, ServerCallContext context)
    {
        await using var download = await sender.Send(new GetMedia(request.MediaId), context.CancellationToken);
        await responseStream.WriteAsync(new Api.GetMediaResponse { Info = Info(download.Item) }, context.CancellationToken);
        // One buffer for the whole file: a written message is serialized into the response before WriteAsync returns,
        // so the buffer can be wrapped (not copied) and refilled (a copy per chunk cost 100 MB of garbage per 100 MB).
        var buffer = new byte[ChunkSize];
        int read;
        try
        {
            while ((read = await download.Content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, context.CancellationToken)) > 0)
            {
                await responseStream.WriteAsync(
                    new Api.GetMediaResponse { Chunk = UnsafeByteOperations.UnsafeWrap(buffer.AsMemory(0, read)) }, context.CancellationToken);
            }
        }
        catch (InvalidDataException)
        {
            // The stored ciphertext failed its check (altered or cut in the store): no byte of that segment was sent.
            throw new Google.Rpc.Status
            {
                Code = (int)Google.Rpc.Code.DataLoss,
                Message = "The stored bytes failed their integrity check.",
                Details = { Any.Pack(new Google.Rpc.ErrorInfo { Reason = "MEDIA_CORRUPTED", Domain = Interceptors.ExceptionInterceptor.ErrorDomain }) },
            }.ToRpcException();
        }
    }

    [Authorize(Policy = Policies.MessagesSend)]
    public override async Task<Api.MediaInfo> UploadMedia(IAsyncStreamReader<Api.UploadMediaRequest> requestStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.PartCase != Api.UploadMediaRequest.PartOneofCase.Metadata)
        {
            throw new ValidationException([new FieldViolation("metadata", "the first message must carry the metadata")]);
        }

        var metadata = requestStream.Current.Metadata;
        await using var chunks = new ChunkStream(requestStream, context.CancellationToken);
        var item = await sender.Send(
            new UploadMedia(TypeName(metadata.Type), metadata.MimeType, metadata.Filename, metadata.Size, chunks),
            context.CancellationToken);
        return Info(item);
    }

    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task<Api.ListMediaResponse> ListMedia(Api.ListMediaRequest request, ServerCallContext context)
    {
        var list = await sender.Send(new ListMedia(request.ConversationId), context.CancellationToken);
        return new Api.ListMediaResponse { Media = { list.Items.Select(Info) } };
    }

    [Authorize(Policy = Policies.ConversationsManage)]
    public override async Task<Api.DeleteMediaResponse> DeleteMedia(Api.DeleteMediaRequest request, ServerCallContext context)
    {
        await sender.Send(new DeleteMedia(request.MediaId), context.CancellationToken);
        return new Api.DeleteMediaResponse();
    }

    public static Api.MediaInfo Info(MediaItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var info = new Api.MediaInfo
        {
            MediaId = item.Id.ToString(),
            Type = item.Type switch
            {
                "image" => MediaType.Image,
                "audio" => MediaType.Audio,
                "video" => MediaType.Video,
                "document" => MediaType.Document,
                "sticker" => MediaType.Sticker,
                _ => MediaType.Unspecified,
            },
            MimeType = item.MimeType,
            Size = item.Size ?? 0,
            Sha256 = item.Sha256 ?? string.Empty,
            Filename = item.Filename ?? string.Empty,
            Caption = item.Caption ?? string.Empty,
            ConversationId = item.ConversationId?.ToString() ?? string.Empty,
            Wamid = item.Wamid ?? string.Empty,
            Origin = item.Origin == MediaOrigin.Inbound ? Api.MediaOrigin.Inbound : Api.MediaOrigin.Upload,
            State = item.State switch
            {
                MediaState.Pending => Api.MediaState.Pending,
                MediaState.Stored => Api.MediaState.Stored,
                MediaState.Unavailable => Api.MediaState.Unavailable,
                _ => Api.MediaState.Deleted,
            },
            UnavailableReason = item.Reason ?? string.Empty,
            Voice = item.Voice,
            CreateTime = Timestamp.FromDateTimeOffset(item.CreatedAt),
        };
        if (item.StoredAt is { } stored)
        {
            info.StoreTime = Timestamp.FromDateTimeOffset(stored);
        }

        return info;
    }

    private static string TypeName(MediaType type) => type switch
    {
        MediaType.Image => "image",
        MediaType.Audio => "audio",
        MediaType.Video => "video",
        MediaType.Document => "document",
        MediaType.Sticker => "sticker",
        _ => string.Empty,
    };

    /// <summary>The chunks of an upload as a read-only stream, pulled from the call as the store reads.</summary>
    private sealed class ChunkStream(IAsyncStreamReader<Api.UploadMediaRequest> requests, CancellationToken callCancelled) : ReadOnlyStream
    {
        private ReadOnlyMemory<byte> _current = ReadOnlyMemory<byte>.Empty;
        private bool _ended;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_current.IsEmpty && !_ended)
            {
                if (!await requests.MoveNext(callCancelled))
                {
                    _ended = true;
                    break;
                }

                if (requests.Current.PartCase != Api.UploadMediaRequest.PartOneofCase.Chunk)
                {
                    throw new ValidationException([new FieldViolation("chunk", "every message after the first must carry a chunk")]);
                }

                _current = requests.Current.Chunk.Memory;
            }

            var count = Math.Min(buffer.Length, _current.Length);
            _current[..count].CopyTo(buffer);
            _current = _current[count..];
            return count;
        }
    }
}
