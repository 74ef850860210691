-- A new note goes after the last one of its cell: with the position in the index that last one is a single index
-- probe instead of a read of every note of the cell, and a cell's notes come out of the index in their order.

DROP INDEX "IX_WorksheetItems_WorksheetId_CellKey";
CREATE INDEX "IX_WorksheetItems_WorksheetId_CellKey_Position" ON "WorksheetItems" ("WorksheetId", "CellKey", "Position");
