/// Everything relaisctl's everyday commands need of a store, on SQLite and on PostgreSQL alike:
/// members, suppression, lists, announcements, the operator's queue actions and what `status`
/// reads besides the daemons' store.
public protocol OperatorStore: MemberStore, SuppressionStore, ListStore, AnnouncementStore, QueueAdminStore, StatusStore {}
