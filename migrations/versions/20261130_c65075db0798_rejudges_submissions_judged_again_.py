"""rejudges: submissions judged again beside the old result

Revision ID: c65075db0798
Revises: 4ded76e90ea3
Create Date: 2026-11-30 00:10:52.392810
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import api.db

revision = "c65075db0798"
down_revision = "4ded76e90ea3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rejudges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("problem_version_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("created_at", api.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["problem_version_id"],
            ["problem_versions.id"],
            name=op.f("fk_rejudges_problem_version_id_problem_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_rejudges_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejudges")),
    )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rejudge_of_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("rejudge_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_submissions_rejudge_id"), ["rejudge_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_submissions_rejudge_of_id"), ["rejudge_of_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_submissions_rejudge_id_rejudges"),
            "rejudges",
            ["rejudge_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_submissions_rejudge_of_id_submissions"),
            "submissions",
            ["rejudge_of_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_submissions_rejudge_of_id_submissions"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_submissions_rejudge_id_rejudges"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_submissions_rejudge_of_id"))
        batch_op.drop_index(batch_op.f("ix_submissions_rejudge_id"))
        batch_op.drop_column("rejudge_id")
        batch_op.drop_column("rejudge_of_id")

    op.drop_table("rejudges")
