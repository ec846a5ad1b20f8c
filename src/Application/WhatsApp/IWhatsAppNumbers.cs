using PesanAI.Domain.Tenants;

namespace PesanAI.Application.WhatsApp;

/// <summary>
/// Meta's phone number node: <c>GET /{phone-number-id}?fields=quality_rating,throughput,...</c>. Throws
/// <see cref="GraphApiException"/> when Meta refuses the call and <c>UnavailableException</c> when it cannot be reached.
/// </summary>
public interface IWhatsAppNumbers
{
    Task<PhoneNumberSnapshot> GetAsync(SenderAccount account, CancellationToken cancellationToken);
}
