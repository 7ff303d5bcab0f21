using MultiPhone.LocationItems;
using MultiPhone.Realtime;

namespace MultiPhone.Staff;

public static class StaffRegistration
{
    public static IServiceCollection AddStaff(this IServiceCollection services) => services
        .AddLocationItems<StaffStore, StaffService, PhoneStaffService, PhoneStaffAssignments>(StaffStore.StaffDefinition, StaffStore.AssignmentsDefinition, "staff")
        .AddSingleton<IStaffAssignmentsSource, CosmosStaffAssignments>()
        .AddSingleton<IChangeRoute, StaffChangeRoute>();
}
