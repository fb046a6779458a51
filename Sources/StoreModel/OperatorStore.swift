/// Everything relaisctl's everyday commands need of a store, on SQLite and on PostgreSQL alike:
/// members, suppression, lists, announcements, the operator's queue actions, what `status`
/// reads besides the daemons' store, and the bounce intake's records.
public protocol OperatorStore: MemberStore, SuppressionStore, ListStore, AnnouncementStore, QueueAdminStore, StatusStore, InboundStore {}
