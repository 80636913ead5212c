"""`column__among=ids`: `IN` for a long list of integer ids, written on PostgreSQL as `= ANY(%s)`.

Django writes `IN (%s, %s, …)`, one parameter per id, each prepared by the field on its own; and
psycopg 3 (client-side binding, as Django uses it) parses again on every execution any statement
longer than 4 KB, which a list of 500 ids makes. The read model reads pages of 100-500 items in
several such queries: 10-15 ms of Python a page. One array parameter keeps the statement short
(psycopg keeps its parse) and turns the ids into integers once. Other databases get Django's
`IN`. Registered for integer fields and foreign keys (collection.apps).
"""

from django.core.exceptions import EmptyResultSet
from django.db.models.lookups import In


class Among(In):
    lookup_name = "among"

    def get_prep_lookup(self):
        if self.rhs_is_direct_value():
            return list(dict.fromkeys(int(v) for v in self.rhs if v is not None))
        return super().get_prep_lookup()

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return self.as_sql(compiler, connection)
        if not self.rhs:
            raise EmptyResultSet
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*params, self.rhs)
