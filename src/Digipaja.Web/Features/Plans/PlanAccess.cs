using Digipaja.Web.Accounts;

namespace Digipaja.Web.Features.Plans;

/// <summary>
/// Who may do what with plans. The current plan is made of worksheet content, so it is read by those who take part
/// in workshops; viewers read published versions. Facilitators and administrators publish.
/// </summary>
public sealed class PlanAccess(Caller caller)
{
    public bool CanReadCurrent => caller.IsInRole(Role.Administrator) || caller.IsInRole(Role.Facilitator) || caller.IsInRole(Role.Participant);

    public bool CanPublish => caller.IsInRole(Role.Administrator) || caller.IsInRole(Role.Facilitator);
}
